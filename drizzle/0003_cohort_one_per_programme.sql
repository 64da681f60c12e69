-- One project in at most one cohort of a programme, refused by the database itself (parallel joins got past the service's check).
ALTER TABLE "cohort_members" ADD COLUMN "programme_id" uuid;--> statement-breakpoint
UPDATE "cohort_members" m SET "programme_id" = c."programme_id" FROM "cohorts" c WHERE c."id" = m."cohort_id";--> statement-breakpoint
-- A project that a race put in two cohorts of one programme keeps its first; the later placement is removed and its removal audited.
INSERT INTO "audit_log" ("actor_email", "action", "entity", "entity_id", "before", "structure_id")
SELECT 'migration', 'cohort.leave', 'cohort', m."cohort_id"::text, jsonb_build_object('projectId', m."project_id", 'reason', 'second cohort of one programme'), c."structure_id"
FROM "cohort_members" m JOIN "cohorts" c ON c."id" = m."cohort_id"
WHERE EXISTS (SELECT 1 FROM "cohort_members" e WHERE e."programme_id" = m."programme_id" AND e."project_id" = m."project_id" AND (e."joined_at", e."cohort_id") < (m."joined_at", m."cohort_id"));--> statement-breakpoint
DELETE FROM "cohort_members" m
WHERE EXISTS (SELECT 1 FROM "cohort_members" e WHERE e."programme_id" = m."programme_id" AND e."project_id" = m."project_id" AND (e."joined_at", e."cohort_id") < (m."joined_at", m."cohort_id"));--> statement-breakpoint
ALTER TABLE "cohort_members" ALTER COLUMN "programme_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_id_programme_uq" UNIQUE("id","programme_id");--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_cohort_programme_fk" FOREIGN KEY ("cohort_id","programme_id") REFERENCES "public"."cohorts"("id","programme_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_programme_project_uq" UNIQUE("programme_id","project_id");
