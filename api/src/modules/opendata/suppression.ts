/**
 * Small-figure suppression of published tables (docs/decisions/0022-open-data.md).
 *
 * Primary: a cell is withheld when its own figures are small (the caller says which). Secondary: each
 * published relation "total = sum of its parts" is an equation whose members are cells; when exactly one
 * member of an equation is withheld, anyone could recompute it from the others, so the smallest other
 * member is withheld too (a part before the total). Repeated until no equation has a lone withheld member,
 * since a cell withheld for one equation may leave another with a lone one.
 */
export interface SuppressionCell {
  /** Withheld for its own small figures. */
  primary: boolean;
  /** What "smallest" compares when a complement is chosen (organisations or projects, then people). */
  weight: readonly number[];
}

export interface Equation {
  total: number;
  parts: readonly number[];
}

function lighter(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

/** Which cells are withheld (by index), primary and secondary. */
export function suppressCells(cells: readonly SuppressionCell[], equations: readonly Equation[]): boolean[] {
  const withheld = cells.map((c) => c.primary);
  let changed = true;
  while (changed) {
    changed = false;
    for (const eq of equations) {
      const members = [eq.total, ...eq.parts];
      if (members.filter((i) => withheld[i]).length !== 1) continue;
      // The smallest published part; the total when no part is left published.
      let pick: number | null = null;
      for (const i of eq.parts) {
        if (withheld[i]) continue;
        if (pick === null || lighter(cells[i].weight, cells[pick].weight)) pick = i;
      }
      if (pick === null) pick = eq.total;
      if (withheld[pick]) continue;
      withheld[pick] = true;
      changed = true;
    }
  }
  return withheld;
}

/** A count of people is small when it is above zero and under the threshold (nobody is identified by a true zero). */
export const smallPeople = (value: number | null | undefined, min: number) => value !== null && value !== undefined && value > 0 && value < min;
