import { eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { rowsOf } from '../../lib/rows';
import { isWithin } from '../../lib/scope';

/** The audited move by which staff admit a project to financing without a committee's acceptance. */
export const ADMISSION_ACTION = 'project.admit_to_financing';

/**
 * Money goes only to projects that were selected: a committee accepted one of their applications, or
 * staff deliberately admitted them, saying why (the admission is the audit row itself: who, when, why).
 */
export function isFinanceable(projectId: AnyPgColumn | SQL): SQL {
  return sql`(exists (select 1 from applications fa where fa.project_id = ${projectId} and fa.status = 'accepted')
    or exists (select 1 from audit_log fl where fl.entity = 'project' and fl.entity_id = ${projectId}::text and fl.action = ${ADMISSION_ACTION}))`;
}

async function financeable(db: Db, projectId: string): Promise<boolean> {
  const [row] = rowsOf<{ ok: boolean }>(await db.execute(sql`select ${isFinanceable(sql`${projectId}::uuid`)} as ok`));
  return row?.ok === true;
}

export async function ensureFinanceable(db: Db, projectId: string): Promise<void> {
  if (!(await financeable(db, projectId))) {
    throw new Unprocessable('funds.project_not_selected', 'invalid', {
      projectId: ['field.project_not_selected'],
    });
  }
}

/**
 * Staff admit a project to financing, with the reason (a project incubated before the online call,
 * a city's direct referral ...). A project still at the applicant stage moves to selected.
 */
export async function admitProjectToFinancing(db: Db, actor: Actor, projectId: string, reason: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
    if (!project) throw new NotFound('thing.project');
    if (await financeable(tx, projectId)) throw new Conflict('funds.already_financeable');
    const stage = project.stage === 'applicant' ? 'selected' : project.stage;
    if (stage !== project.stage) await tx.update(projects).set({ stage, updatedAt: new Date() }).where(eq(projects.id, projectId));
    await recordAudit(tx, actor, {
      action: ADMISSION_ACTION,
      entity: 'project',
      entityId: projectId,
      structureId: project.structureId,
      before: { stage: project.stage },
      after: { stage, reason },
    });
  });
}

export function ensureCurrency(fund: { currency: string }, currency: string, field = 'currency'): void {
  if (fund.currency !== currency) {
    throw new Unprocessable(msg('funds.currency_mismatch', { fundCurrency: fund.currency, currency }), 'invalid', { [field]: [msg('field.expected_currency', { currency: fund.currency })] });
  }
}

/** A fund finances projects of its own structure and those below it: a city fund, its incubators' projects. */
export async function ensureFinances(db: Db, fund: { structureId: string }, project: { structureId: string }, field = 'projectId'): Promise<void> {
  if (!(await isWithin(db, project.structureId, fund.structureId))) {
    throw new Unprocessable('funds.project_outside_structure', 'invalid', { [field]: ['field.outside_fund_structure'] });
  }
}
