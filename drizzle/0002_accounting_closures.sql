CREATE TABLE "accounting_closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"closes_on" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"decision_note" text,
	CONSTRAINT "accounting_closures_status_ck" CHECK ("accounting_closures"."status" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "accounting_closures_four_eyes_ck" CHECK ("accounting_closures"."decided_by" is null or "accounting_closures"."decided_by" <> "accounting_closures"."requested_by")
);
--> statement-breakpoint
ALTER TABLE "funds" ADD COLUMN "opened_on" date DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "accounting_closures" ADD CONSTRAINT "accounting_closures_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounting_closures" ADD CONSTRAINT "accounting_closures_fund_structure_fk" FOREIGN KEY ("fund_id","structure_id") REFERENCES "public"."funds"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounting_closures_fund_idx" ON "accounting_closures" USING btree ("fund_id","status","closes_on");--> statement-breakpoint
CREATE UNIQUE INDEX "accounting_closures_one_pending_uq" ON "accounting_closures" USING btree ("fund_id") WHERE "accounting_closures"."status" = 'pending';--> statement-breakpoint
-- Existing funds opened on the day they were created, or earlier if their books already hold older entries.
UPDATE "funds" SET "opened_on" = LEAST(("created_at" AT TIME ZONE 'UTC')::date, COALESCE((SELECT MIN("occurred_on") FROM "journal_entries" WHERE "journal_entries"."fund_id" = "funds"."id"), ("created_at" AT TIME ZONE 'UTC')::date));
