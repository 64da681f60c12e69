import { eq } from 'drizzle-orm';
import type { Db } from '../../api/src/db/client';
import { users } from '../../api/src/db/schema/auth';
import { cohortMembers, organisations, projects } from '../../api/src/db/schema/projects';
import { cohorts, programmes } from '../../api/src/db/schema/programmes';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import { SYSTEM_ACTOR } from '../../api/src/lib/audit';
import { createCoach } from '../../api/src/modules/coaching/coaches-service';
import { seedCore } from '../../seeds/core';

export interface CohortFixture {
  cohortId: string;
  projectIds: string[];
  /** The project carried by holder@essor.demo (MTL-TRANSFO only). */
  holderProjectId: string | null;
}

export async function cohortOf(db: Db, programmeCode: string): Promise<CohortFixture> {
  const [cohort] = await db
    .select({ id: cohorts.id })
    .from(cohorts)
    .innerJoin(programmes, eq(programmes.id, cohorts.programmeId))
    .where(eq(programmes.code, programmeCode));
  const members = await db
    .select({ id: projects.id, holderUserId: projects.holderUserId })
    .from(cohortMembers)
    .innerJoin(projects, eq(projects.id, cohortMembers.projectId))
    .where(eq(cohortMembers.cohortId, cohort.id));
  return { cohortId: cohort.id, projectIds: members.map((m) => m.id), holderProjectId: members.find((m) => m.holderUserId)?.id ?? null };
}

/** A project that belongs to no cohort at all, for "non-member" cases. */
export async function strayProject(db: Db): Promise<string> {
  const [org] = await db
    .insert(organisations)
    .values({ name: 'Association hors cohorte', legalForm: 'association', sector: 'culture', district: 'Plateau', territory: 'Dakar' })
    .returning({ id: organisations.id });
  const [project] = await db
    .insert(projects)
    .values({ structureId: ROOT_STRUCTURE_ID, organisationId: org.id, title: 'Projet hors cohorte', district: 'Plateau', currency: 'XOF' })
    .returning({ id: projects.id });
  return project.id;
}

export interface CoachingWorld {
  mtl: CohortFixture;
  dkr: CohortFixture;
  /** The coach profile of coach@essor.demo. */
  demoCoachId: string;
  /** A staff coach without an account of the coach role. */
  staffCoachId: string;
  /** An external lawyer paid 120.00 CAD an hour. */
  lawyerId: string;
}

/** The core demo (programmes, cohorts, projects) plus three coaches: what the coaching tests start from. */
export async function buildCoachingWorld(db: Db): Promise<CoachingWorld> {
  await seedCore(db);
  const [coachUser] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'coach@essor.demo'));
  const demo = await createCoach(db, SYSTEM_ACTOR, ROOT_STRUCTURE_ID, {
    kind: 'staff',
    userId: coachUser.id,
    name: 'Fatou Diop',
    profession: 'mentor',
    specialties: ['mentoring', 'managerial_accounting'],
    languages: ['fr', 'wo'],
  });
  const staffCoach = await createCoach(db, SYSTEM_ACTOR, ROOT_STRUCTURE_ID, {
    kind: 'staff',
    name: 'Marc Tremblay',
    profession: 'advisor',
    specialties: ['marketing'],
    languages: ['fr', 'en'],
  });
  const lawyer = await createCoach(db, SYSTEM_ACTOR, ROOT_STRUCTURE_ID, {
    kind: 'external',
    name: 'Me Sophie Lavoie',
    profession: 'lawyer',
    firm: 'Lavoie Avocats',
    specialties: ['legal'],
    languages: ['fr', 'en'],
    hourlyRateMinor: 12_000,
    currency: 'CAD',
  });
  return {
    mtl: await cohortOf(db, 'MTL-TRANSFO'),
    dkr: await cohortOf(db, 'DKR-INCUB'),
    demoCoachId: demo.id,
    staffCoachId: staffCoach.id,
    lawyerId: lawyer.id,
  };
}
