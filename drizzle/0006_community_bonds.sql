CREATE TABLE "bond_holdings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"offering_id" uuid NOT NULL,
	"investor_id" uuid NOT NULL,
	"first_number" integer NOT NULL,
	"last_number" integer NOT NULL,
	"held_from" date NOT NULL,
	"held_until" date,
	"origin" text NOT NULL,
	"subscription_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bond_holdings_numbers_ck" CHECK ("bond_holdings"."first_number" > 0 and "bond_holdings"."first_number" <= "bond_holdings"."last_number"),
	CONSTRAINT "bond_holdings_origin_ck" CHECK ("bond_holdings"."origin" in ('allotment', 'transfer')),
	CONSTRAINT "bond_holdings_dates_ck" CHECK ("bond_holdings"."held_until" is null or "bond_holdings"."held_from" <= "bond_holdings"."held_until")
);
--> statement-breakpoint
CREATE TABLE "bond_investors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"full_name" text NOT NULL,
	"address" text NOT NULL,
	"born_on" date NOT NULL,
	"terms_accepted_at" timestamp (3) with time zone NOT NULL,
	"risk_accepted_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bond_investors_user_structure_uq" UNIQUE("user_id","structure_id"),
	CONSTRAINT "bond_investors_id_structure_uq" UNIQUE("id","structure_id")
);
--> statement-breakpoint
CREATE TABLE "bond_offerings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"code" text NOT NULL,
	"issuer_project_id" uuid NOT NULL,
	"trust_fund_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary_fr" text DEFAULT '' NOT NULL,
	"summary_en" text DEFAULT '' NOT NULL,
	"notice_fr" text DEFAULT '' NOT NULL,
	"notice_en" text DEFAULT '' NOT NULL,
	"use_of_funds" text DEFAULT '' NOT NULL,
	"impact_aim" text DEFAULT '' NOT NULL,
	"currency" text NOT NULL,
	"unit_price_minor" bigint NOT NULL,
	"max_units" integer NOT NULL,
	"min_units" integer NOT NULL,
	"min_units_per_person" integer DEFAULT 1 NOT NULL,
	"max_units_per_person" integer NOT NULL,
	"rate_bps" integer NOT NULL,
	"term_months" integer NOT NULL,
	"coupon_frequency" text NOT NULL,
	"day_count" text NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"issued_on" date,
	"matures_on" date,
	"payment_days" integer DEFAULT 10 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"reserved_units" integer DEFAULT 0 NOT NULL,
	"paid_units" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"approved_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bond_offerings_code_unique" UNIQUE("code"),
	CONSTRAINT "bond_offerings_id_structure_uq" UNIQUE("id","structure_id"),
	CONSTRAINT "bond_offerings_status_ck" CHECK ("bond_offerings"."status" in ('draft', 'approved', 'open', 'closed', 'active', 'redeemed', 'failed', 'cancelled')),
	CONSTRAINT "bond_offerings_frequency_ck" CHECK ("bond_offerings"."coupon_frequency" in ('annual', 'semiannual', 'quarterly')),
	CONSTRAINT "bond_offerings_day_count_ck" CHECK ("bond_offerings"."day_count" in ('act_365_fixed', 'thirty_360', 'act_act_icma')),
	CONSTRAINT "bond_offerings_currency_ck" CHECK ("bond_offerings"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "bond_offerings_units_ck" CHECK ("bond_offerings"."unit_price_minor" > 0 and "bond_offerings"."min_units" > 0 and "bond_offerings"."min_units" <= "bond_offerings"."max_units"),
	CONSTRAINT "bond_offerings_person_ck" CHECK ("bond_offerings"."min_units_per_person" > 0 and "bond_offerings"."min_units_per_person" <= "bond_offerings"."max_units_per_person" and "bond_offerings"."max_units_per_person" <= "bond_offerings"."max_units"),
	CONSTRAINT "bond_offerings_terms_ck" CHECK ("bond_offerings"."rate_bps" >= 0 and "bond_offerings"."term_months" > 0 and "bond_offerings"."payment_days" > 0 and "bond_offerings"."opens_on" <= "bond_offerings"."closes_on"),
	CONSTRAINT "bond_offerings_cap_ck" CHECK ("bond_offerings"."paid_units" >= 0 and "bond_offerings"."reserved_units" >= 0 and "bond_offerings"."reserved_units" + "bond_offerings"."paid_units" <= "bond_offerings"."max_units"),
	CONSTRAINT "bond_offerings_four_eyes_ck" CHECK ("bond_offerings"."approved_by" is null or "bond_offerings"."approved_by" <> "bond_offerings"."created_by")
);
--> statement-breakpoint
CREATE TABLE "bond_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"received_on" date NOT NULL,
	"source" text NOT NULL,
	"bank_reference" text,
	"journal_entry_id" bigint,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bond_payments_amount_ck" CHECK ("bond_payments"."amount_minor" > 0),
	CONSTRAINT "bond_payments_source_ck" CHECK ("bond_payments"."source" in ('manual', 'statement'))
);
--> statement-breakpoint
CREATE TABLE "bond_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"structure_id" uuid NOT NULL,
	"offering_id" uuid NOT NULL,
	"investor_id" uuid NOT NULL,
	"units" integer NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"reference" text NOT NULL,
	"status" text NOT NULL,
	"paid_minor" bigint DEFAULT 0 NOT NULL,
	"reserved_at" timestamp (3) with time zone,
	"expires_at" timestamp (3) with time zone,
	"paid_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bond_subscriptions_seq_unique" UNIQUE("seq"),
	CONSTRAINT "bond_subscriptions_reference_unique" UNIQUE("reference"),
	CONSTRAINT "bond_subscriptions_id_structure_uq" UNIQUE("id","structure_id"),
	CONSTRAINT "bond_subscriptions_status_ck" CHECK ("bond_subscriptions"."status" in ('waitlisted', 'reserved', 'paid', 'lapsed', 'cancelled', 'refunded', 'allotted')),
	CONSTRAINT "bond_subscriptions_amounts_ck" CHECK ("bond_subscriptions"."units" > 0 and "bond_subscriptions"."amount_minor" > 0 and "bond_subscriptions"."paid_minor" >= 0)
);
--> statement-breakpoint
ALTER TABLE "funds" DROP CONSTRAINT "funds_type_ck";--> statement-breakpoint
ALTER TABLE "journal_entries" DROP CONSTRAINT "journal_entries_kind_ck";--> statement-breakpoint
ALTER TABLE "bond_holdings" ADD CONSTRAINT "bond_holdings_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_holdings" ADD CONSTRAINT "bond_holdings_offering_structure_fk" FOREIGN KEY ("offering_id","structure_id") REFERENCES "public"."bond_offerings"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_holdings" ADD CONSTRAINT "bond_holdings_investor_structure_fk" FOREIGN KEY ("investor_id","structure_id") REFERENCES "public"."bond_investors"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_investors" ADD CONSTRAINT "bond_investors_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_investors" ADD CONSTRAINT "bond_investors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_offerings" ADD CONSTRAINT "bond_offerings_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_offerings" ADD CONSTRAINT "bond_offerings_issuer_structure_fk" FOREIGN KEY ("issuer_project_id","structure_id") REFERENCES "public"."projects"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_offerings" ADD CONSTRAINT "bond_offerings_trust_structure_fk" FOREIGN KEY ("trust_fund_id","structure_id") REFERENCES "public"."funds"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_payments" ADD CONSTRAINT "bond_payments_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_payments" ADD CONSTRAINT "bond_payments_subscription_structure_fk" FOREIGN KEY ("subscription_id","structure_id") REFERENCES "public"."bond_subscriptions"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_subscriptions" ADD CONSTRAINT "bond_subscriptions_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_subscriptions" ADD CONSTRAINT "bond_subscriptions_offering_structure_fk" FOREIGN KEY ("offering_id","structure_id") REFERENCES "public"."bond_offerings"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bond_subscriptions" ADD CONSTRAINT "bond_subscriptions_investor_structure_fk" FOREIGN KEY ("investor_id","structure_id") REFERENCES "public"."bond_investors"("id","structure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bond_holdings_offering_idx" ON "bond_holdings" USING btree ("offering_id","first_number");--> statement-breakpoint
CREATE INDEX "bond_holdings_investor_idx" ON "bond_holdings" USING btree ("investor_id");--> statement-breakpoint
CREATE INDEX "bond_offerings_structure_idx" ON "bond_offerings" USING btree ("structure_id","status");--> statement-breakpoint
CREATE INDEX "bond_offerings_public_idx" ON "bond_offerings" USING btree ("status","closes_on");--> statement-breakpoint
CREATE UNIQUE INDEX "bond_payments_bank_reference_uq" ON "bond_payments" USING btree ("structure_id","bank_reference") WHERE "bond_payments"."bank_reference" is not null;--> statement-breakpoint
CREATE INDEX "bond_payments_subscription_idx" ON "bond_payments" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "bond_subscriptions_offering_idx" ON "bond_subscriptions" USING btree ("offering_id","status","seq");--> statement-breakpoint
CREATE INDEX "bond_subscriptions_investor_idx" ON "bond_subscriptions" USING btree ("investor_id","created_at");--> statement-breakpoint
CREATE INDEX "bond_subscriptions_expiry_idx" ON "bond_subscriptions" USING btree ("status","expires_at");--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_type_ck" CHECK ("funds"."type" in ('co_financing', 'equipment', 'loan', 'guarantee', 'bond_trust'));--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_kind_ck" CHECK ("journal_entries"."kind" in ('capital_contribution', 'commitment', 'disbursement', 'cancellation', 'repayment', 'write_off', 'adjustment', 'subscription_payment', 'subscription_refund', 'issuer_transfer', 'coupon', 'redemption', 'matchfunding'));