CREATE TABLE "bond_match_pledges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"offering_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"ratio_bps" integer NOT NULL,
	"cap_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'pledged' NOT NULL,
	"matched_minor" bigint DEFAULT 0 NOT NULL,
	"commitment_entry_id" bigint,
	"settlement_entry_id" bigint,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp (3) with time zone,
	CONSTRAINT "bond_match_pledges_offering_fund_uq" UNIQUE("offering_id","fund_id"),
	CONSTRAINT "bond_match_pledges_id_structure_uq" UNIQUE("id","structure_id"),
	CONSTRAINT "bond_match_pledges_status_ck" CHECK ("bond_match_pledges"."status" in ('pledged', 'posted', 'released')),
	CONSTRAINT "bond_match_pledges_amounts_ck" CHECK ("bond_match_pledges"."ratio_bps" > 0 and "bond_match_pledges"."ratio_bps" <= 100000 and "bond_match_pledges"."cap_minor" > 0 and "bond_match_pledges"."matched_minor" >= 0 and "bond_match_pledges"."matched_minor" <= "bond_match_pledges"."cap_minor"),
	CONSTRAINT "bond_match_pledges_currency_ck" CHECK ("bond_match_pledges"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "bond_offerings" ADD COLUMN "cancelled_reason" text;--> statement-breakpoint
ALTER TABLE "bond_offerings" ADD COLUMN "cancelled_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "bond_match_pledges" ADD CONSTRAINT "bond_match_pledges_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_match_pledges" ADD CONSTRAINT "bond_match_pledges_offering_structure_fk" FOREIGN KEY ("offering_id","structure_id") REFERENCES "public"."bond_offerings"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_match_pledges" ADD CONSTRAINT "bond_match_pledges_fund_structure_fk" FOREIGN KEY ("fund_id","structure_id") REFERENCES "public"."funds"("id","structure_id") ON DELETE no action ON UPDATE no action;