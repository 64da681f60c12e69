CREATE TABLE "bond_payout_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"payout_id" uuid NOT NULL,
	"investor_id" uuid NOT NULL,
	"units" integer NOT NULL,
	"gross_minor" bigint NOT NULL,
	"withheld_minor" bigint NOT NULL,
	"net_minor" bigint NOT NULL,
	"principal_minor" bigint DEFAULT 0 NOT NULL,
	"journal_entry_id" bigint,
	"paid_on" date NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bond_payout_lines_payout_investor_uq" UNIQUE("payout_id","investor_id"),
	CONSTRAINT "bond_payout_lines_amounts_ck" CHECK ("bond_payout_lines"."units" > 0 and "bond_payout_lines"."gross_minor" >= 0 and "bond_payout_lines"."withheld_minor" >= 0 and "bond_payout_lines"."net_minor" = "bond_payout_lines"."gross_minor" - "bond_payout_lines"."withheld_minor" and "bond_payout_lines"."principal_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "bond_payouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"offering_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"pays_on" date NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"interest_minor" bigint DEFAULT 0 NOT NULL,
	"principal_minor" bigint DEFAULT 0 NOT NULL,
	"withheld_minor" bigint DEFAULT 0 NOT NULL,
	"holders_total" integer DEFAULT 0 NOT NULL,
	"holders_done" integer DEFAULT 0 NOT NULL,
	"journal_entry_id" bigint,
	"started_by" uuid,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bond_payouts_id_structure_uq" UNIQUE("id","structure_id"),
	CONSTRAINT "bond_payouts_offering_number_uq" UNIQUE("offering_id","number"),
	CONSTRAINT "bond_payouts_kind_ck" CHECK ("bond_payouts"."kind" in ('coupon', 'redemption', 'early_redemption')),
	CONSTRAINT "bond_payouts_status_ck" CHECK ("bond_payouts"."status" in ('scheduled', 'running', 'paid')),
	CONSTRAINT "bond_payouts_period_ck" CHECK ("bond_payouts"."period_start" <= "bond_payouts"."period_end" and "bond_payouts"."number" > 0),
	CONSTRAINT "bond_payouts_amounts_ck" CHECK ("bond_payouts"."interest_minor" >= 0 and "bond_payouts"."principal_minor" >= 0 and "bond_payouts"."withheld_minor" >= 0 and "bond_payouts"."holders_done" <= "bond_payouts"."holders_total")
);
--> statement-breakpoint
CREATE TABLE "bond_statement_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"trust_fund_id" uuid NOT NULL,
	"format" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'previewed' NOT NULL,
	"line_count" integer DEFAULT 0 NOT NULL,
	"credit_minor" bigint DEFAULT 0 NOT NULL,
	"posted_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"posted_by" uuid,
	"posted_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bond_statement_imports_id_structure_uq" UNIQUE("id","structure_id"),
	CONSTRAINT "bond_statement_imports_format_ck" CHECK ("bond_statement_imports"."format" in ('csv', 'camt053')),
	CONSTRAINT "bond_statement_imports_status_ck" CHECK ("bond_statement_imports"."status" in ('previewed', 'posted', 'discarded'))
);
--> statement-breakpoint
CREATE TABLE "bond_statement_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"booked_on" date NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"bank_reference" text NOT NULL,
	"reference" text,
	"counterparty" text DEFAULT '' NOT NULL,
	"remittance" text DEFAULT '' NOT NULL,
	"match" text NOT NULL,
	"subscription_id" uuid,
	"payment_id" uuid,
	CONSTRAINT "bond_statement_lines_import_line_uq" UNIQUE("import_id","line_no"),
	CONSTRAINT "bond_statement_lines_match_ck" CHECK ("bond_statement_lines"."match" in ('matched', 'partial', 'overpaid', 'unknown', 'duplicate', 'ignored'))
);
--> statement-breakpoint
CREATE TABLE "bond_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"offering_id" uuid NOT NULL,
	"from_investor_id" uuid NOT NULL,
	"to_investor_id" uuid NOT NULL,
	"units" integer NOT NULL,
	"transferred_on" date NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bond_transfers_units_ck" CHECK ("bond_transfers"."units" > 0 and "bond_transfers"."from_investor_id" <> "bond_transfers"."to_investor_id")
);
--> statement-breakpoint
ALTER TABLE "bond_offerings" ADD COLUMN "withholding_bps" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "bond_offerings" ADD COLUMN "early_redemption_from" date;--> statement-breakpoint
ALTER TABLE "bond_offerings" ADD COLUMN "redeemed_on" date;--> statement-breakpoint
ALTER TABLE "bond_payout_lines" ADD CONSTRAINT "bond_payout_lines_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_payout_lines" ADD CONSTRAINT "bond_payout_lines_payout_structure_fk" FOREIGN KEY ("payout_id","structure_id") REFERENCES "public"."bond_payouts"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_payout_lines" ADD CONSTRAINT "bond_payout_lines_investor_structure_fk" FOREIGN KEY ("investor_id","structure_id") REFERENCES "public"."bond_investors"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_payouts" ADD CONSTRAINT "bond_payouts_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_payouts" ADD CONSTRAINT "bond_payouts_offering_structure_fk" FOREIGN KEY ("offering_id","structure_id") REFERENCES "public"."bond_offerings"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_statement_imports" ADD CONSTRAINT "bond_statement_imports_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_statement_imports" ADD CONSTRAINT "bond_statement_imports_trust_structure_fk" FOREIGN KEY ("trust_fund_id","structure_id") REFERENCES "public"."funds"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_statement_lines" ADD CONSTRAINT "bond_statement_lines_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_statement_lines" ADD CONSTRAINT "bond_statement_lines_import_structure_fk" FOREIGN KEY ("import_id","structure_id") REFERENCES "public"."bond_statement_imports"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_transfers" ADD CONSTRAINT "bond_transfers_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_transfers" ADD CONSTRAINT "bond_transfers_offering_structure_fk" FOREIGN KEY ("offering_id","structure_id") REFERENCES "public"."bond_offerings"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_transfers" ADD CONSTRAINT "bond_transfers_from_structure_fk" FOREIGN KEY ("from_investor_id","structure_id") REFERENCES "public"."bond_investors"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_transfers" ADD CONSTRAINT "bond_transfers_to_structure_fk" FOREIGN KEY ("to_investor_id","structure_id") REFERENCES "public"."bond_investors"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bond_payout_lines_investor_idx" ON "bond_payout_lines" USING btree ("investor_id","paid_on");--> statement-breakpoint
CREATE INDEX "bond_payouts_due_idx" ON "bond_payouts" USING btree ("status","pays_on");--> statement-breakpoint
CREATE UNIQUE INDEX "bond_statement_imports_posted_uq" ON "bond_statement_imports" USING btree ("structure_id","file_sha256") WHERE "bond_statement_imports"."status" = 'posted';--> statement-breakpoint
CREATE INDEX "bond_statement_imports_structure_idx" ON "bond_statement_imports" USING btree ("structure_id","created_at");--> statement-breakpoint
CREATE INDEX "bond_statement_lines_subscription_idx" ON "bond_statement_lines" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "bond_transfers_offering_idx" ON "bond_transfers" USING btree ("offering_id","transferred_on");--> statement-breakpoint
ALTER TABLE "bond_offerings" ADD CONSTRAINT "bond_offerings_withholding_ck" CHECK ("bond_offerings"."withholding_bps" >= 0 and "bond_offerings"."withholding_bps" <= 10000);--> statement-breakpoint
INSERT INTO "ledger_accounts" ("fund_id", "code", "name", "type", "normal_balance", "currency")
SELECT f."id", a.code, a.name, a.type, a.normal_balance, f."currency"
FROM "funds" f
CROSS JOIN (VALUES ('1360', 'Principal receivable from issuers', 'asset', 'debit'), ('2340', 'Principal payable to bondholders', 'liability', 'credit')) AS a(code, name, type, normal_balance)
WHERE f."type" = 'bond_trust'
ON CONFLICT ("fund_id", "code") DO NOTHING;
