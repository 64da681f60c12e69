CREATE TABLE "guarantee_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"bank_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"min_coverage_bps" integer NOT NULL,
	"max_coverage_bps" integer NOT NULL,
	"max_coverage_women_bps" integer,
	"max_guaranteed_minor" bigint NOT NULL,
	"fee_rate_bps" integer NOT NULL,
	"fee_basis" text NOT NULL,
	"claim_deadline_days" integer NOT NULL,
	"portfolio_cap_bps" integer,
	"signed_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guarantee_agreements_fund_bank_uq" UNIQUE("fund_id","bank_id"),
	CONSTRAINT "guarantee_agreements_id_structure_uq" UNIQUE("id","structure_id"),
	CONSTRAINT "guarantee_agreements_coverage_ck" CHECK ("guarantee_agreements"."min_coverage_bps" > 0 and "guarantee_agreements"."min_coverage_bps" <= "guarantee_agreements"."max_coverage_bps" and "guarantee_agreements"."max_coverage_bps" <= 10000 and ("guarantee_agreements"."max_coverage_women_bps" is null or ("guarantee_agreements"."max_coverage_women_bps" >= "guarantee_agreements"."max_coverage_bps" and "guarantee_agreements"."max_coverage_women_bps" <= 10000))),
	CONSTRAINT "guarantee_agreements_terms_ck" CHECK ("guarantee_agreements"."max_guaranteed_minor" > 0 and "guarantee_agreements"."fee_rate_bps" >= 0 and "guarantee_agreements"."fee_rate_bps" <= 10000 and "guarantee_agreements"."claim_deadline_days" > 0 and ("guarantee_agreements"."portfolio_cap_bps" is null or "guarantee_agreements"."portfolio_cap_bps" between 1 and 10000)),
	CONSTRAINT "guarantee_agreements_basis_ck" CHECK ("guarantee_agreements"."fee_basis" in ('upfront', 'yearly_outstanding')),
	CONSTRAINT "guarantee_agreements_status_ck" CHECK ("guarantee_agreements"."status" in ('active', 'ended')),
	CONSTRAINT "guarantee_agreements_currency_ck" CHECK ("guarantee_agreements"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "guarantee_banks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"name" text NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guarantee_banks_structure_name_uq" UNIQUE("structure_id","name"),
	CONSTRAINT "guarantee_banks_id_structure_uq" UNIQUE("id","structure_id")
);
--> statement-breakpoint
CREATE TABLE "guarantee_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"guarantee_id" uuid NOT NULL,
	"defaulted_on" date NOT NULL,
	"called_on" date NOT NULL,
	"declared_loss_minor" bigint NOT NULL,
	"claimed_minor" bigint NOT NULL,
	"payout_minor" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"made_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"approved_on" date,
	"paid_on" date,
	"approval_entry_id" bigint,
	"payment_entry_id" bigint,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guarantee_calls_id_structure_uq" UNIQUE("id","structure_id"),
	CONSTRAINT "guarantee_calls_status_ck" CHECK ("guarantee_calls"."status" in ('pending', 'approved', 'rejected', 'paid')),
	CONSTRAINT "guarantee_calls_amounts_ck" CHECK ("guarantee_calls"."declared_loss_minor" > 0 and "guarantee_calls"."claimed_minor" > 0 and "guarantee_calls"."payout_minor" >= 0 and "guarantee_calls"."payout_minor" <= "guarantee_calls"."claimed_minor"),
	CONSTRAINT "guarantee_calls_dates_ck" CHECK ("guarantee_calls"."called_on" >= "guarantee_calls"."defaulted_on"),
	CONSTRAINT "guarantee_calls_four_eyes_ck" CHECK ("guarantee_calls"."decided_by" is null or "guarantee_calls"."decided_by" <> "guarantee_calls"."made_by")
);
--> statement-breakpoint
CREATE TABLE "guarantee_fees" (
	"structure_id" uuid NOT NULL,
	"guarantee_id" uuid NOT NULL,
	"charged_on" date NOT NULL,
	"basis" text NOT NULL,
	"base_minor" bigint NOT NULL,
	"amount_minor" bigint NOT NULL,
	"journal_entry_id" bigint,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guarantee_fees_pk" PRIMARY KEY("guarantee_id","charged_on"),
	CONSTRAINT "guarantee_fees_amounts_ck" CHECK ("guarantee_fees"."base_minor" >= 0 and "guarantee_fees"."amount_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "guarantee_outstandings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"guarantee_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"source" text NOT NULL,
	"outstanding_minor" bigint NOT NULL,
	"arrears_minor" bigint DEFAULT 0 NOT NULL,
	"days_in_arrears" integer DEFAULT 0 NOT NULL,
	"exposure_minor" bigint NOT NULL,
	"import_id" uuid,
	"entered_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guarantee_outstandings_day_uq" UNIQUE("guarantee_id","as_of","source"),
	CONSTRAINT "guarantee_outstandings_source_ck" CHECK ("guarantee_outstandings"."source" in ('issue', 'bank', 'schedule')),
	CONSTRAINT "guarantee_outstandings_amounts_ck" CHECK ("guarantee_outstandings"."outstanding_minor" >= 0 and "guarantee_outstandings"."arrears_minor" >= 0 and "guarantee_outstandings"."days_in_arrears" >= 0 and "guarantee_outstandings"."exposure_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "guarantee_policies" (
	"fund_id" uuid PRIMARY KEY NOT NULL,
	"structure_id" uuid NOT NULL,
	"leverage_cap_pct" integer NOT NULL,
	"performing_bps" integer NOT NULL,
	"watch_bps" integer NOT NULL,
	"doubtful_bps" integer NOT NULL,
	"loss_bps" integer NOT NULL,
	"watch_after_days" integer DEFAULT 30 NOT NULL,
	"doubtful_after_days" integer DEFAULT 90 NOT NULL,
	"loss_after_days" integer DEFAULT 180 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guarantee_policies_cap_ck" CHECK ("guarantee_policies"."leverage_cap_pct" between 1 and 10000),
	CONSTRAINT "guarantee_policies_rates_ck" CHECK (0 <= "guarantee_policies"."performing_bps" and "guarantee_policies"."performing_bps" <= "guarantee_policies"."watch_bps" and "guarantee_policies"."watch_bps" <= "guarantee_policies"."doubtful_bps" and "guarantee_policies"."doubtful_bps" <= "guarantee_policies"."loss_bps" and "guarantee_policies"."loss_bps" <= 10000),
	CONSTRAINT "guarantee_policies_days_ck" CHECK (0 < "guarantee_policies"."watch_after_days" and "guarantee_policies"."watch_after_days" < "guarantee_policies"."doubtful_after_days" and "guarantee_policies"."doubtful_after_days" < "guarantee_policies"."loss_after_days")
);
--> statement-breakpoint
CREATE TABLE "guarantee_recoveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"guarantee_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"bank_recovered_minor" bigint NOT NULL,
	"fund_share_minor" bigint NOT NULL,
	"journal_entry_id" bigint NOT NULL,
	"entered_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guarantee_recoveries_amounts_ck" CHECK ("guarantee_recoveries"."bank_recovered_minor" > 0 and "guarantee_recoveries"."fund_share_minor" >= 0 and "guarantee_recoveries"."fund_share_minor" <= "guarantee_recoveries"."bank_recovered_minor")
);
--> statement-breakpoint
CREATE TABLE "guarantee_report_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"bank_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"row_count" integer NOT NULL,
	"posted_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guarantee_report_imports_sha_uq" UNIQUE("structure_id","sha256"),
	CONSTRAINT "guarantee_report_imports_id_structure_uq" UNIQUE("id","structure_id")
);
--> statement-breakpoint
CREATE TABLE "guarantee_risk_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"guarantee_id" uuid NOT NULL,
	"from_class" text NOT NULL,
	"to_class" text NOT NULL,
	"reason" text NOT NULL,
	"exposure_minor" bigint NOT NULL,
	"provision_before_minor" bigint NOT NULL,
	"provision_after_minor" bigint NOT NULL,
	"journal_entry_id" bigint,
	"occurred_on" date NOT NULL,
	"changed_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guarantee_risk_changes_class_ck" CHECK ("guarantee_risk_changes"."from_class" in ('performing', 'watch', 'doubtful', 'loss') and "guarantee_risk_changes"."to_class" in ('performing', 'watch', 'doubtful', 'loss'))
);
--> statement-breakpoint
CREATE TABLE "guarantees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigserial NOT NULL,
	"structure_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"bank_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"bank_loan_ref" text NOT NULL,
	"loan_amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"loan_rate_bps" integer NOT NULL,
	"term_months" integer NOT NULL,
	"grace_months" integer DEFAULT 0 NOT NULL,
	"method" text NOT NULL,
	"disbursed_on" date NOT NULL,
	"coverage_bps" integer NOT NULL,
	"guaranteed_minor" bigint NOT NULL,
	"women_led" boolean DEFAULT false NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'prepared' NOT NULL,
	"risk_class" text DEFAULT 'performing' NOT NULL,
	"outstanding_minor" bigint NOT NULL,
	"outstanding_on" date NOT NULL,
	"days_in_arrears" integer DEFAULT 0 NOT NULL,
	"arrears_minor" bigint DEFAULT 0 NOT NULL,
	"exposure_minor" bigint DEFAULT 0 NOT NULL,
	"provision_minor" bigint DEFAULT 0 NOT NULL,
	"fees_minor" bigint DEFAULT 0 NOT NULL,
	"paid_minor" bigint DEFAULT 0 NOT NULL,
	"recovered_minor" bigint DEFAULT 0 NOT NULL,
	"prepared_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"issued_on" date,
	"released_on" date,
	"closed_on" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guarantees_number_unique" UNIQUE("number"),
	CONSTRAINT "guarantees_bank_loan_uq" UNIQUE("bank_id","bank_loan_ref"),
	CONSTRAINT "guarantees_id_structure_uq" UNIQUE("id","structure_id"),
	CONSTRAINT "guarantees_status_ck" CHECK ("guarantees"."status" in ('prepared', 'active', 'rejected', 'cancelled', 'released', 'called', 'paid', 'closed')),
	CONSTRAINT "guarantees_risk_ck" CHECK ("guarantees"."risk_class" in ('performing', 'watch', 'doubtful', 'loss')),
	CONSTRAINT "guarantees_method_ck" CHECK ("guarantees"."method" in ('annuity', 'declining')),
	CONSTRAINT "guarantees_currency_ck" CHECK ("guarantees"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "guarantees_loan_ck" CHECK ("guarantees"."loan_amount_minor" > 0 and "guarantees"."loan_rate_bps" >= 0 and "guarantees"."term_months" > 0 and "guarantees"."grace_months" >= 0 and "guarantees"."grace_months" < "guarantees"."term_months"),
	CONSTRAINT "guarantees_coverage_ck" CHECK ("guarantees"."coverage_bps" between 1 and 10000 and "guarantees"."guaranteed_minor" > 0 and "guarantees"."guaranteed_minor" <= "guarantees"."loan_amount_minor"),
	CONSTRAINT "guarantees_amounts_ck" CHECK ("guarantees"."outstanding_minor" >= 0 and "guarantees"."outstanding_minor" <= "guarantees"."loan_amount_minor" and "guarantees"."exposure_minor" >= 0 and "guarantees"."exposure_minor" <= "guarantees"."guaranteed_minor" and "guarantees"."provision_minor" >= 0 and "guarantees"."provision_minor" <= "guarantees"."guaranteed_minor" and "guarantees"."fees_minor" >= 0 and "guarantees"."arrears_minor" >= 0 and "guarantees"."days_in_arrears" >= 0),
	CONSTRAINT "guarantees_paid_ck" CHECK ("guarantees"."paid_minor" >= 0 and "guarantees"."paid_minor" <= "guarantees"."guaranteed_minor" and "guarantees"."recovered_minor" >= 0 and "guarantees"."recovered_minor" <= "guarantees"."paid_minor"),
	CONSTRAINT "guarantees_four_eyes_ck" CHECK ("guarantees"."decided_by" is null or "guarantees"."decided_by" <> "guarantees"."prepared_by")
);
--> statement-breakpoint
ALTER TABLE "journal_entries" DROP CONSTRAINT "journal_entries_kind_ck";--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ledger_accounts_type_ck";--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ledger_accounts_normal_ck";--> statement-breakpoint
ALTER TABLE "guarantee_agreements" ADD CONSTRAINT "guarantee_agreements_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_agreements" ADD CONSTRAINT "guarantee_agreements_fund_structure_fk" FOREIGN KEY ("fund_id","structure_id") REFERENCES "public"."funds"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_agreements" ADD CONSTRAINT "guarantee_agreements_bank_structure_fk" FOREIGN KEY ("bank_id","structure_id") REFERENCES "public"."guarantee_banks"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_banks" ADD CONSTRAINT "guarantee_banks_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_calls" ADD CONSTRAINT "guarantee_calls_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_calls" ADD CONSTRAINT "guarantee_calls_guarantee_structure_fk" FOREIGN KEY ("guarantee_id","structure_id") REFERENCES "public"."guarantees"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_fees" ADD CONSTRAINT "guarantee_fees_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_fees" ADD CONSTRAINT "guarantee_fees_guarantee_structure_fk" FOREIGN KEY ("guarantee_id","structure_id") REFERENCES "public"."guarantees"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_outstandings" ADD CONSTRAINT "guarantee_outstandings_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_outstandings" ADD CONSTRAINT "guarantee_outstandings_guarantee_structure_fk" FOREIGN KEY ("guarantee_id","structure_id") REFERENCES "public"."guarantees"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_policies" ADD CONSTRAINT "guarantee_policies_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_policies" ADD CONSTRAINT "guarantee_policies_fund_structure_fk" FOREIGN KEY ("fund_id","structure_id") REFERENCES "public"."funds"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_recoveries" ADD CONSTRAINT "guarantee_recoveries_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_recoveries" ADD CONSTRAINT "guarantee_recoveries_guarantee_structure_fk" FOREIGN KEY ("guarantee_id","structure_id") REFERENCES "public"."guarantees"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_recoveries" ADD CONSTRAINT "guarantee_recoveries_call_structure_fk" FOREIGN KEY ("call_id","structure_id") REFERENCES "public"."guarantee_calls"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_report_imports" ADD CONSTRAINT "guarantee_report_imports_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_report_imports" ADD CONSTRAINT "guarantee_report_imports_bank_structure_fk" FOREIGN KEY ("bank_id","structure_id") REFERENCES "public"."guarantee_banks"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_risk_changes" ADD CONSTRAINT "guarantee_risk_changes_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantee_risk_changes" ADD CONSTRAINT "guarantee_risk_changes_guarantee_structure_fk" FOREIGN KEY ("guarantee_id","structure_id") REFERENCES "public"."guarantees"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantees" ADD CONSTRAINT "guarantees_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantees" ADD CONSTRAINT "guarantees_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantees" ADD CONSTRAINT "guarantees_fund_structure_fk" FOREIGN KEY ("fund_id","structure_id") REFERENCES "public"."funds"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantees" ADD CONSTRAINT "guarantees_agreement_structure_fk" FOREIGN KEY ("agreement_id","structure_id") REFERENCES "public"."guarantee_agreements"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantees" ADD CONSTRAINT "guarantees_bank_structure_fk" FOREIGN KEY ("bank_id","structure_id") REFERENCES "public"."guarantee_banks"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "guarantee_calls_one_open_uq" ON "guarantee_calls" USING btree ("guarantee_id") WHERE "guarantee_calls"."status" in ('pending', 'approved', 'paid');--> statement-breakpoint
CREATE INDEX "guarantee_outstandings_structure_idx" ON "guarantee_outstandings" USING btree ("structure_id","as_of");--> statement-breakpoint
CREATE INDEX "guarantee_recoveries_guarantee_idx" ON "guarantee_recoveries" USING btree ("guarantee_id");--> statement-breakpoint
CREATE INDEX "guarantee_risk_changes_guarantee_idx" ON "guarantee_risk_changes" USING btree ("guarantee_id","created_at");--> statement-breakpoint
CREATE INDEX "guarantees_structure_idx" ON "guarantees" USING btree ("structure_id","status");--> statement-breakpoint
CREATE INDEX "guarantees_fund_idx" ON "guarantees" USING btree ("fund_id","status");--> statement-breakpoint
CREATE INDEX "guarantees_project_idx" ON "guarantees" USING btree ("project_id");--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_kind_ck" CHECK ("journal_entries"."kind" in ('capital_contribution', 'commitment', 'disbursement', 'cancellation', 'repayment', 'write_off', 'adjustment', 'subscription_payment', 'subscription_refund', 'issuer_transfer', 'coupon', 'redemption', 'matchfunding', 'guarantee_exposure', 'guarantee_fee', 'provision', 'guarantee_call', 'guarantee_recovery'));--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_type_ck" CHECK ("ledger_accounts"."type" in ('asset', 'liability', 'equity', 'income', 'expense', 'off_balance'));--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_normal_ck" CHECK (("ledger_accounts"."type" in ('asset', 'expense') and "ledger_accounts"."normal_balance" = 'debit') or ("ledger_accounts"."type" in ('liability', 'equity', 'income') and "ledger_accounts"."normal_balance" = 'credit') or "ledger_accounts"."type" = 'off_balance');--> statement-breakpoint
-- Guarantee funds opened before this migration get the guarantee chart's accounts they lack.
INSERT INTO "ledger_accounts" ("fund_id", "code", "name", "type", "normal_balance", "currency")
SELECT f."id", c.code, c.name, c.type, c.normal_balance, f."currency"
FROM "funds" f
CROSS JOIN (VALUES
  ('2400', 'Provisions for guarantee losses', 'liability', 'credit'),
  ('2410', 'Guarantee calls payable to banks', 'liability', 'credit'),
  ('4100', 'Guarantee fees earned', 'income', 'credit'),
  ('4200', 'Recoveries on guarantee calls', 'income', 'credit'),
  ('5200', 'Provisions charged', 'expense', 'debit'),
  ('5300', 'Guarantee calls paid', 'expense', 'debit'),
  ('9000', 'Guarantees given (exposure)', 'off_balance', 'debit'),
  ('9010', 'Guarantee commitments to banks (counterpart)', 'off_balance', 'credit')
) AS c(code, name, type, normal_balance)
WHERE f."type" = 'guarantee'
ON CONFLICT ("fund_id", "code") DO NOTHING;
