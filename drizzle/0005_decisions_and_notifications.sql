CREATE TABLE "pending_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"subject_id" text,
	"maker_id" uuid NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"amount_minor" bigint,
	"currency" text,
	"limits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"checker_id" uuid,
	"decided_at" timestamp (3) with time zone,
	"decision_note" text,
	CONSTRAINT "pending_decisions_status_ck" CHECK ("pending_decisions"."status" in ('pending', 'approved', 'rejected', 'withdrawn')),
	CONSTRAINT "pending_decisions_four_eyes_ck" CHECK ("pending_decisions"."checker_id" is null or "pending_decisions"."checker_id" <> "pending_decisions"."maker_id"),
	CONSTRAINT "pending_decisions_amount_ck" CHECK (("pending_decisions"."amount_minor" is null) = ("pending_decisions"."currency" is null))
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_user_id_kind_pk" PRIMARY KEY("user_id","kind"),
	CONSTRAINT "notification_preferences_channel_ck" CHECK ("notification_preferences"."channel" in ('in_app', 'email', 'digest'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"structure_id" uuid,
	"kind" text NOT NULL,
	"event_key" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link" text,
	"channel" text DEFAULT 'in_app' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp (3) with time zone,
	"digested_at" timestamp (3) with time zone,
	CONSTRAINT "notifications_channel_ck" CHECK ("notifications"."channel" in ('in_app', 'email', 'digest'))
);
--> statement-breakpoint
ALTER TABLE "pending_decisions" ADD CONSTRAINT "pending_decisions_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pending_decisions_one_pending_uq" ON "pending_decisions" USING btree ("kind","entity_id") WHERE "pending_decisions"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "pending_decisions_inbox_idx" ON "pending_decisions" USING btree ("structure_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "pending_decisions_entity_idx" ON "pending_decisions" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_event_uq" ON "notifications" USING btree ("user_id","kind","event_key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_digest_idx" ON "notifications" USING btree ("channel","digested_at");--> statement-breakpoint
CREATE INDEX "notifications_structure_idx" ON "notifications" USING btree ("structure_id");--> statement-breakpoint
-- Decisions already waiting under the modules' own gates become pending decisions of the one mechanism.
INSERT INTO "pending_decisions" ("structure_id", "kind", "entity", "entity_id", "maker_id", "summary", "amount_minor", "currency", "limits", "requested_at")
SELECT r."structure_id", 'cofinancing.approve', 'cofinancing', r."id"::text, coalesce(r."prepared_by", r."created_by"),
  jsonb_build_object('purpose', r."purpose"), r."amount_minor", r."currency",
  jsonb_build_object('committeeThresholdMinor', f."committee_threshold_minor"), r."updated_at"
FROM "cofinancing_requests" r JOIN "funds" f ON f."id" = r."fund_id" WHERE r."status" = 'prepared';
--> statement-breakpoint
INSERT INTO "pending_decisions" ("structure_id", "kind", "entity", "entity_id", "maker_id", "summary", "amount_minor", "currency", "requested_at")
SELECT l."structure_id", 'loan.approve', 'loan', l."id"::text, l."proposed_by", jsonb_build_object('number', l."number", 'purpose', l."purpose"), l."principal_minor", l."currency", l."created_at"
FROM "loans" l WHERE l."status" = 'proposed';
--> statement-breakpoint
INSERT INTO "pending_decisions" ("structure_id", "kind", "entity", "entity_id", "subject_id", "maker_id", "summary", "requested_at")
SELECT l."structure_id", 'loan.' || a."kind", 'loan', l."id"::text, a."id"::text, a."proposed_by", jsonb_build_object('number', l."number", 'reason', a."reason", 'params', a."params"), a."proposed_at"
FROM "loan_actions" a JOIN "loans" l ON l."id" = a."loan_id" WHERE a."status" = 'pending';
--> statement-breakpoint
INSERT INTO "pending_decisions" ("structure_id", "kind", "entity", "entity_id", "maker_id", "summary", "amount_minor", "currency", "requested_at")
SELECT q."structure_id", 'equipment.approve', 'equipment_quote', q."id"::text, q."recorded_by", jsonb_build_object('supplier', q."supplier"), q."total_minor", q."currency", q."created_at"
FROM "equipment_quotes" q WHERE q."status" = 'recorded';
--> statement-breakpoint
INSERT INTO "pending_decisions" ("structure_id", "kind", "entity", "entity_id", "subject_id", "maker_id", "summary", "requested_at")
SELECT c."structure_id", 'closure.approve', 'fund', c."fund_id"::text, c."id"::text, c."requested_by", jsonb_build_object('closesOn', c."closes_on", 'note', c."note"), c."requested_at"
FROM "accounting_closures" c WHERE c."status" = 'pending';
