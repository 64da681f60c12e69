CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"role" text NOT NULL,
	"granted_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_user_structure_role_uq" UNIQUE("user_id","structure_id","role"),
	CONSTRAINT "memberships_role_ck" CHECK ("memberships"."role" in ('admin', 'staff', 'coach', 'fund_manager', 'committee_member'))
);--> statement-breakpoint
CREATE TABLE "structures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid,
	"path" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"territory" text DEFAULT '' NOT NULL,
	"languages" text[] DEFAULT '{"fr"}' NOT NULL,
	"currency" text NOT NULL,
	"logo_url" text,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "structures_path_unique" UNIQUE("path"),
	CONSTRAINT "structures_parent_name_uq" UNIQUE("parent_id","name"),
	CONSTRAINT "structures_kind_ck" CHECK ("structures"."kind" in ('network', 'city', 'incubator', 'local_agency', 'provincial_committee', 'fund', 'other')),
	CONSTRAINT "structures_currency_ck" CHECK ("structures"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "structures_not_own_parent_ck" CHECK ("structures"."parent_id" is null or "structures"."parent_id" <> "structures"."id")
);--> statement-breakpoint
-- Every row held before structures came moves into one default structure, so nothing is lost.
INSERT INTO "structures" ("id", "parent_id", "path", "name", "kind", "territory", "languages", "currency")
VALUES ('e5500000-0000-4000-8000-000000000001', NULL, '/e5500000-0000-4000-8000-000000000001/', 'Structure principale', 'network', '', '{"fr","en"}', coalesce((SELECT "currency" FROM "funds" ORDER BY "created_at" LIMIT 1), (SELECT "currency" FROM "programmes" ORDER BY "created_at" LIMIT 1), 'EUR'));--> statement-breakpoint
ALTER TABLE "programmes" DROP CONSTRAINT "programmes_code_unique";--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "structure_id" uuid;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "coaches" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "coaching_plans" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "coaching_plans" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "committee_sessions" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "committee_sessions" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "equipment_assets" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "equipment_assets" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "equipment_quotes" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "equipment_quotes" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "followup_visits" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "followup_visits" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "cofinancing_requests" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "cofinancing_requests" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "fund_envelopes" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "fund_envelopes" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "funds" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "funds" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "loans" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "cohorts" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "cohorts" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "programmes" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "milestones" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "structure_id" uuid DEFAULT 'e5500000-0000-4000-8000-000000000001' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ALTER COLUMN "structure_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_id_structure_uq" UNIQUE("id","structure_id");--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_id_structure_uq" UNIQUE("id","structure_id");--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_structure_code_uq" UNIQUE("structure_id","code");--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_id_structure_uq" UNIQUE("id","structure_id");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_id_structure_uq" UNIQUE("id","structure_id");--> statement-breakpoint
-- Roles that work inside a structure become memberships of the default structure; holders and investors keep theirs.
INSERT INTO "memberships" ("user_id", "structure_id", "role")
SELECT "users"."id", 'e5500000-0000-4000-8000-000000000001', r.role FROM "users", unnest("users"."roles") AS r(role)
WHERE r.role IN ('admin', 'staff', 'coach', 'fund_manager', 'committee_member');--> statement-breakpoint
UPDATE "users" SET "roles" = ARRAY(SELECT r FROM unnest("roles") AS r WHERE r IN ('project_holder', 'investor'));--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "structures" ADD CONSTRAINT "structures_parent_id_structures_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memberships_structure_idx" ON "memberships" USING btree ("structure_id");--> statement-breakpoint
CREATE INDEX "structures_parent_idx" ON "structures" USING btree ("parent_id");--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_programme_structure_fk" FOREIGN KEY ("programme_id","structure_id") REFERENCES "public"."programmes"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_project_structure_fk" FOREIGN KEY ("project_id","structure_id") REFERENCES "public"."projects"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaches" ADD CONSTRAINT "coaches_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_plans" ADD CONSTRAINT "coaching_plans_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_plans" ADD CONSTRAINT "coaching_plans_cohort_structure_fk" FOREIGN KEY ("cohort_id","structure_id") REFERENCES "public"."cohorts"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_cohort_structure_fk" FOREIGN KEY ("cohort_id","structure_id") REFERENCES "public"."cohorts"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_sessions" ADD CONSTRAINT "committee_sessions_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_sessions" ADD CONSTRAINT "committee_sessions_programme_structure_fk" FOREIGN KEY ("programme_id","structure_id") REFERENCES "public"."programmes"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_assets" ADD CONSTRAINT "equipment_assets_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_assets" ADD CONSTRAINT "equipment_assets_fund_structure_fk" FOREIGN KEY ("fund_id","structure_id") REFERENCES "public"."funds"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_quotes" ADD CONSTRAINT "equipment_quotes_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_quotes" ADD CONSTRAINT "equipment_quotes_fund_structure_fk" FOREIGN KEY ("fund_id","structure_id") REFERENCES "public"."funds"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_visits" ADD CONSTRAINT "followup_visits_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_visits" ADD CONSTRAINT "followup_visits_project_structure_fk" FOREIGN KEY ("project_id","structure_id") REFERENCES "public"."projects"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cofinancing_requests" ADD CONSTRAINT "cofinancing_requests_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cofinancing_requests" ADD CONSTRAINT "cofinancing_fund_structure_fk" FOREIGN KEY ("fund_id","structure_id") REFERENCES "public"."funds"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_envelopes" ADD CONSTRAINT "fund_envelopes_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_envelopes" ADD CONSTRAINT "fund_envelopes_fund_structure_fk" FOREIGN KEY ("fund_id","structure_id") REFERENCES "public"."funds"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_fund_structure_fk" FOREIGN KEY ("fund_id","structure_id") REFERENCES "public"."funds"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_programme_structure_fk" FOREIGN KEY ("programme_id","structure_id") REFERENCES "public"."programmes"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_project_structure_fk" FOREIGN KEY ("project_id","structure_id") REFERENCES "public"."projects"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applications_structure_idx" ON "applications" USING btree ("structure_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_structure_at_idx" ON "audit_log" USING btree ("structure_id","at");--> statement-breakpoint
CREATE INDEX "coaches_structure_idx" ON "coaches" USING btree ("structure_id");--> statement-breakpoint
CREATE INDEX "coaching_plans_structure_idx" ON "coaching_plans" USING btree ("structure_id");--> statement-breakpoint
CREATE INDEX "coaching_sessions_structure_time_idx" ON "coaching_sessions" USING btree ("structure_id","starts_at");--> statement-breakpoint
CREATE INDEX "committee_sessions_structure_idx" ON "committee_sessions" USING btree ("structure_id");--> statement-breakpoint
CREATE INDEX "equipment_assets_structure_idx" ON "equipment_assets" USING btree ("structure_id","status");--> statement-breakpoint
CREATE INDEX "equipment_quotes_structure_idx" ON "equipment_quotes" USING btree ("structure_id","status");--> statement-breakpoint
CREATE INDEX "followup_visits_structure_idx" ON "followup_visits" USING btree ("structure_id","visited_on");--> statement-breakpoint
CREATE INDEX "cofinancing_structure_idx" ON "cofinancing_requests" USING btree ("structure_id","status");--> statement-breakpoint
CREATE INDEX "funds_structure_idx" ON "funds" USING btree ("structure_id");--> statement-breakpoint
CREATE INDEX "loans_structure_idx" ON "loans" USING btree ("structure_id","status");--> statement-breakpoint
CREATE INDEX "cohorts_structure_idx" ON "cohorts" USING btree ("structure_id");--> statement-breakpoint
CREATE INDEX "programmes_structure_idx" ON "programmes" USING btree ("structure_id");--> statement-breakpoint
CREATE INDEX "milestones_structure_idx" ON "milestones" USING btree ("structure_id","due_on");--> statement-breakpoint
CREATE INDEX "projects_structure_idx" ON "projects" USING btree ("structure_id","created_at");