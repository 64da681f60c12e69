import type { GridCriterion } from '@essor/shared/programmes';
import { msg, type Fields } from '../../lib/messages/render';

export type Scores = Record<string, number>;

/** Field errors for scores that do not fit the grid: every criterion scored once, integers from 0 to its max. */
export function gridErrors(grid: GridCriterion[], scores: Scores): Fields {
  const errors: Fields = {};
  for (const criterion of grid) {
    const value = scores[criterion.key];
    if (value === undefined) errors[`scores.${criterion.key}`] = ['field.score_every_criterion'];
    else if (!Number.isInteger(value) || value < 0 || value > criterion.max) errors[`scores.${criterion.key}`] = [msg('field.score_range', { max: criterion.max })];
  }
  for (const key of Object.keys(scores)) if (!grid.some((c) => c.key === key)) errors[`scores.${key}`] = ['field.not_grid_criterion'];
  return errors;
}

/** One scorecard's weighted score as a percentage of the grid's maximum: sum(w * s / max) / sum(w) * 100. */
export function weightedScore(grid: GridCriterion[], scores: Scores): number {
  const totalWeight = grid.reduce((sum, c) => sum + c.weight, 0);
  if (totalWeight === 0) return 0;
  const weighted = grid.reduce((sum, c) => sum + (c.weight * (scores[c.key] ?? 0)) / c.max, 0);
  return (weighted / totalWeight) * 100;
}

/** The committee's score for an application: the mean of its members' weighted scores. */
export function averageScore(grid: GridCriterion[], cards: Scores[]): number | null {
  if (!cards.length) return null;
  return cards.reduce((sum, card) => sum + weightedScore(grid, card), 0) / cards.length;
}

export function criterionAverages(grid: GridCriterion[], cards: Scores[]): Record<string, number> | null {
  if (!cards.length) return null;
  return Object.fromEntries(grid.map((c) => [c.key, round2(cards.reduce((sum, card) => sum + (card[c.key] ?? 0), 0) / cards.length)]));
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Quorum: enough members (not excluded by a conflict) have scored the application. */
export function quorumReached(scorecardCount: number, quorum: number): boolean {
  return scorecardCount >= quorum;
}
