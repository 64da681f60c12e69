CREATE TABLE "districts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"territory" text NOT NULL,
	"population" integer,
	"geometry" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "districts_structure_name_uq" UNIQUE("structure_id","name")
);
--> statement-breakpoint
CREATE TABLE "impact_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_fr" text NOT NULL,
	"name_en" text NOT NULL,
	"definition_fr" text DEFAULT '' NOT NULL,
	"definition_en" text DEFAULT '' NOT NULL,
	"unit" text NOT NULL,
	"category" text NOT NULL,
	"aggregation" text NOT NULL,
	"sdg_targets" text[] DEFAULT '{}' NOT NULL,
	"iris_code" text,
	"standard" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "impact_indicators_structure_code_uq" UNIQUE("structure_id","code"),
	CONSTRAINT "impact_indicators_unit_ck" CHECK ("impact_indicators"."unit" in ('fte', 'people', 'count', 'money', 'tonnes', 'kwh', 'hectares', 'percent')),
	CONSTRAINT "impact_indicators_category_ck" CHECK ("impact_indicators"."category" in ('jobs', 'inclusion', 'economy', 'social', 'environment')),
	CONSTRAINT "impact_indicators_aggregation_ck" CHECK ("impact_indicators"."aggregation" in ('sum', 'latest')),
	CONSTRAINT "impact_indicators_code_ck" CHECK ("impact_indicators"."code" ~ '^[a-z][a-z0-9_]{1,47}$')
);
--> statement-breakpoint
CREATE TABLE "inventory_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"registration_number" text,
	"employees" integer DEFAULT 0 NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	"annual_revenue_minor" bigint,
	"currency" text,
	"address" text DEFAULT '' NOT NULL,
	"website" text,
	"latitude" numeric(9, 6),
	"longitude" numeric(9, 6),
	"status" text DEFAULT 'active' NOT NULL,
	"source" text NOT NULL,
	"last_import_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_entries_structure_org_uq" UNIQUE("structure_id","organisation_id"),
	CONSTRAINT "inventory_entries_status_ck" CHECK ("inventory_entries"."status" in ('active', 'closed')),
	CONSTRAINT "inventory_entries_source_ck" CHECK ("inventory_entries"."source" in ('pipeline', 'import', 'manual')),
	CONSTRAINT "inventory_entries_counts_ck" CHECK ("inventory_entries"."employees" >= 0 and "inventory_entries"."members" >= 0),
	CONSTRAINT "inventory_entries_latitude_ck" CHECK ("inventory_entries"."latitude" is null or "inventory_entries"."latitude" between -90 and 90),
	CONSTRAINT "inventory_entries_longitude_ck" CHECK ("inventory_entries"."longitude" is null or "inventory_entries"."longitude" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "inventory_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"sha256" text NOT NULL,
	"rows_count" integer NOT NULL,
	"created_count" integer NOT NULL,
	"updated_count" integer NOT NULL,
	"imported_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_imports_structure_sha_uq" UNIQUE("structure_id","sha256")
);
--> statement-breakpoint
CREATE TABLE "project_indicator_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"value" numeric(18, 2) NOT NULL,
	"currency" text,
	"source" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"entered_by" uuid NOT NULL,
	"entered_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp (3) with time zone,
	"superseded_by" uuid,
	CONSTRAINT "project_indicator_values_kind_ck" CHECK ("project_indicator_values"."kind" in ('baseline', 'target', 'actual')),
	CONSTRAINT "project_indicator_values_source_ck" CHECK ("project_indicator_values"."source" in ('staff', 'holder', 'visit')),
	CONSTRAINT "project_indicator_values_period_ck" CHECK ("project_indicator_values"."period_start" <= "project_indicator_values"."period_end"),
	CONSTRAINT "project_indicator_values_value_ck" CHECK ("project_indicator_values"."value" >= 0),
	CONSTRAINT "project_indicator_values_currency_ck" CHECK ("project_indicator_values"."currency" is null or "project_indicator_values"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_role_ck";--> statement-breakpoint
ALTER TABLE "districts" ADD CONSTRAINT "districts_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_indicators" ADD CONSTRAINT "impact_indicators_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_entries" ADD CONSTRAINT "inventory_entries_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_entries" ADD CONSTRAINT "inventory_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_imports" ADD CONSTRAINT "inventory_imports_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_imports" ADD CONSTRAINT "inventory_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_indicator_values" ADD CONSTRAINT "project_indicator_values_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_indicator_values" ADD CONSTRAINT "project_indicator_values_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_indicator_values" ADD CONSTRAINT "project_indicator_values_indicator_id_impact_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."impact_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_indicator_values" ADD CONSTRAINT "project_indicator_values_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_indicator_values" ADD CONSTRAINT "project_indicator_values_project_structure_fk" FOREIGN KEY ("project_id","structure_id") REFERENCES "public"."projects"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "districts_territory_idx" ON "districts" USING btree ("territory");--> statement-breakpoint
CREATE INDEX "inventory_entries_structure_idx" ON "inventory_entries" USING btree ("structure_id","status");--> statement-breakpoint
CREATE INDEX "inventory_entries_org_idx" ON "inventory_entries" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_indicator_values_current_uq" ON "project_indicator_values" USING btree ("project_id","indicator_id","kind","period_end") WHERE "project_indicator_values"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "project_indicator_values_structure_idx" ON "project_indicator_values" USING btree ("structure_id","indicator_id","kind");--> statement-breakpoint
CREATE INDEX "project_indicator_values_project_idx" ON "project_indicator_values" USING btree ("project_id","indicator_id");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_ck" CHECK ("memberships"."role" in ('admin', 'staff', 'coach', 'fund_manager', 'committee_member', 'elected_official'));--> statement-breakpoint
-- The standard indicator catalogue, held by the root structure; structures add their own beside it.
INSERT INTO "impact_indicators" ("structure_id", "code", "name_fr", "name_en", "definition_fr", "definition_en", "unit", "category", "aggregation", "sdg_targets", "iris_code", "standard") VALUES
('e5500000-0000-4000-8000-000000000001', 'jobs_created_fte', 'Emplois créés (ETP)', 'Jobs created (FTE)', 'Postes en équivalent temps plein créés depuis l’entrée dans l’accompagnement, à la fin de la période.', 'Full-time-equivalent positions created since support began, at the end of the period.', 'fte', 'jobs', 'latest', '{8.5,8.3}', 'PI3687', true),
('e5500000-0000-4000-8000-000000000001', 'jobs_maintained_fte', 'Emplois maintenus (ETP)', 'Jobs maintained (FTE)', 'Postes en équivalent temps plein qui existaient déjà et sont maintenus à la fin de la période.', 'Full-time-equivalent positions that existed before and are kept at the end of the period.', 'fte', 'jobs', 'latest', '{8.5}', 'PI5691', true),
('e5500000-0000-4000-8000-000000000001', 'jobs_women', 'Emplois occupés par des femmes', 'Jobs held by women', 'Personnes salariées femmes à la fin de la période.', 'Employees who are women at the end of the period.', 'people', 'inclusion', 'latest', '{5.5,8.5}', NULL, true),
('e5500000-0000-4000-8000-000000000001', 'jobs_youth', 'Emplois occupés par des jeunes', 'Jobs held by young people', 'Personnes salariées de moins de 35 ans à la fin de la période.', 'Employees under 35 at the end of the period.', 'people', 'inclusion', 'latest', '{8.6,8.5}', NULL, true),
('e5500000-0000-4000-8000-000000000001', 'jobs_disability', 'Emplois occupés par des personnes en situation de handicap', 'Jobs held by people with disabilities', 'Personnes salariées en situation de handicap à la fin de la période.', 'Employees with a disability at the end of the period.', 'people', 'inclusion', 'latest', '{8.5,10.2}', NULL, true),
('e5500000-0000-4000-8000-000000000001', 'coop_members', 'Membres de la coopérative', 'Cooperative members', 'Membres (sociétaires) à la fin de la période.', 'Members (shareholders of the cooperative) at the end of the period.', 'people', 'social', 'latest', '{8.3,10.2}', NULL, true),
('e5500000-0000-4000-8000-000000000001', 'revenue', 'Chiffre d’affaires', 'Revenue', 'Ventes et prestations de la période, en unités mineures de la devise.', 'Sales and services of the period, in minor units of the currency.', 'money', 'economy', 'sum', '{8.3}', NULL, true),
('e5500000-0000-4000-8000-000000000001', 'people_served', 'Personnes servies', 'People served', 'Personnes distinctes ayant bénéficié des biens ou services pendant la période.', 'Distinct people who used the goods or services during the period.', 'people', 'social', 'sum', '{1.4,10.2}', NULL, true),
('e5500000-0000-4000-8000-000000000001', 'rural_reach', 'Personnes atteintes en milieu rural', 'People reached in rural areas', 'Personnes servies ou employées habitant une commune rurale, pendant la période.', 'People served or employed who live in a rural commune, during the period.', 'people', 'inclusion', 'sum', '{1.4,2.3,10.2}', NULL, true),
('e5500000-0000-4000-8000-000000000001', 'waste_diverted', 'Déchets détournés de l’enfouissement', 'Waste diverted from landfill', 'Tonnes réemployées, recyclées ou compostées pendant la période.', 'Tonnes reused, recycled or composted during the period.', 'tonnes', 'environment', 'sum', '{12.5,11.6}', NULL, true),
('e5500000-0000-4000-8000-000000000001', 'ghg_avoided', 'Émissions de GES évitées', 'Greenhouse gas emissions avoided', 'Tonnes d’équivalent CO2 évitées pendant la période, méthode déclarée en note.', 'Tonnes of CO2 equivalent avoided during the period, method stated in the note.', 'tonnes', 'environment', 'sum', '{13.2}', NULL, true),
('e5500000-0000-4000-8000-000000000001', 'renewable_energy', 'Énergie renouvelable produite', 'Renewable energy produced', 'Kilowattheures produits à partir de sources renouvelables pendant la période.', 'Kilowatt-hours produced from renewable sources during the period.', 'kwh', 'environment', 'sum', '{7.2}', NULL, true),
('e5500000-0000-4000-8000-000000000001', 'land_sustainable', 'Terres cultivées durablement', 'Land farmed sustainably', 'Hectares cultivés selon des pratiques durables à la fin de la période.', 'Hectares farmed with sustainable practices at the end of the period.', 'hectares', 'environment', 'latest', '{2.4,15.3}', NULL, true);
--> statement-breakpoint
-- Every organisation the pipeline already knows enters the inventory of the structures its projects belong to.
INSERT INTO "inventory_entries" ("structure_id", "organisation_id", "members", "source")
SELECT DISTINCT p."structure_id", p."organisation_id", o."founders_count", 'pipeline'
FROM "projects" p JOIN "organisations" o ON o."id" = p."organisation_id"
ON CONFLICT DO NOTHING;
