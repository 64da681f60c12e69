CREATE TABLE "equipment_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"quote_id" uuid,
	"project_id" uuid,
	"item" text NOT NULL,
	"serial_number" text,
	"value_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'in_service' NOT NULL,
	"acquired_on" date NOT NULL,
	"returned_on" date,
	"note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "equipment_assets_value_ck" CHECK ("equipment_assets"."value_minor" >= 0),
	CONSTRAINT "equipment_assets_status_ck" CHECK ("equipment_assets"."status" in ('in_service', 'returned', 'disposed'))
);
--> statement-breakpoint
CREATE TABLE "equipment_quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigserial NOT NULL,
	"fund_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"supplier" text NOT NULL,
	"lines" jsonb NOT NULL,
	"total_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'recorded' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"purchase_order_number" text,
	"ordered_on" date,
	"invoice_number" text,
	"invoice_amount_minor" bigint,
	"invoiced_on" date,
	"paid_on" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "equipment_quotes_number_unique" UNIQUE("number"),
	CONSTRAINT "equipment_quotes_purchase_order_number_unique" UNIQUE("purchase_order_number"),
	CONSTRAINT "equipment_quotes_total_ck" CHECK ("equipment_quotes"."total_minor" > 0),
	CONSTRAINT "equipment_quotes_invoice_ck" CHECK ("equipment_quotes"."invoice_amount_minor" is null or ("equipment_quotes"."invoice_amount_minor" > 0 and "equipment_quotes"."invoice_amount_minor" <= "equipment_quotes"."total_minor")),
	CONSTRAINT "equipment_quotes_status_ck" CHECK ("equipment_quotes"."status" in ('recorded', 'approved', 'rejected', 'ordered', 'invoiced', 'paid', 'cancelled')),
	CONSTRAINT "equipment_quotes_four_eyes_ck" CHECK ("equipment_quotes"."decided_by" is null or "equipment_quotes"."decided_by" <> "equipment_quotes"."recorded_by")
);
--> statement-breakpoint
CREATE TABLE "capital_contributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"funder_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"received_on" date NOT NULL,
	"journal_entry_id" bigint NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "capital_contributions_amount_ck" CHECK ("capital_contributions"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "cofinancing_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigserial NOT NULL,
	"fund_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"purpose" text NOT NULL,
	"other_funders" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid NOT NULL,
	"recommendation" text,
	"prepared_by" uuid,
	"prepared_at" timestamp (3) with time zone,
	"committee_decision" text,
	"committee_note" text,
	"committee_decided_by" uuid,
	"committee_decided_at" timestamp (3) with time zone,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"decision_note" text,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"agreement_signed_on" date,
	"cancelled_at" timestamp (3) with time zone,
	"cancel_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cofinancing_requests_number_unique" UNIQUE("number"),
	CONSTRAINT "cofinancing_amount_ck" CHECK ("cofinancing_requests"."amount_minor" > 0),
	CONSTRAINT "cofinancing_status_ck" CHECK ("cofinancing_requests"."status" in ('draft', 'prepared', 'approved', 'rejected', 'cancelled', 'completed')),
	CONSTRAINT "cofinancing_committee_ck" CHECK ("cofinancing_requests"."committee_decision" is null or "cofinancing_requests"."committee_decision" in ('favourable', 'unfavourable')),
	CONSTRAINT "cofinancing_four_eyes_ck" CHECK ("cofinancing_requests"."decided_by" is null or "cofinancing_requests"."prepared_by" is null or "cofinancing_requests"."decided_by" <> "cofinancing_requests"."prepared_by")
);
--> statement-breakpoint
CREATE TABLE "cofinancing_tranches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"amount_minor" bigint NOT NULL,
	"milestone_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"disbursed_on" date,
	"journal_entry_id" bigint,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cofinancing_tranches_seq_uq" UNIQUE("request_id","seq"),
	CONSTRAINT "cofinancing_tranches_amount_ck" CHECK ("cofinancing_tranches"."amount_minor" > 0),
	CONSTRAINT "cofinancing_tranches_status_ck" CHECK ("cofinancing_tranches"."status" in ('planned', 'disbursed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "fund_envelopes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"max_share_bps" integer NOT NULL,
	"max_request_minor" bigint NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_envelopes_fund_programme_uq" UNIQUE("fund_id","programme_id"),
	CONSTRAINT "fund_envelopes_amount_ck" CHECK ("fund_envelopes"."amount_minor" > 0 and "fund_envelopes"."max_request_minor" > 0),
	CONSTRAINT "fund_envelopes_share_ck" CHECK ("fund_envelopes"."max_share_bps" between 1 and 10000)
);
--> statement-breakpoint
CREATE TABLE "funders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funders_name_unique" UNIQUE("name"),
	CONSTRAINT "funders_kind_ck" CHECK ("funders"."kind" in ('city', 'region', 'state', 'foundation', 'bank', 'other'))
);
--> statement-breakpoint
CREATE TABLE "funds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"currency" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"committee_threshold_minor" bigint NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_code_unique" UNIQUE("code"),
	CONSTRAINT "funds_type_ck" CHECK ("funds"."type" in ('co_financing', 'equipment', 'loan', 'guarantee')),
	CONSTRAINT "funds_currency_ck" CHECK ("funds"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "funds_threshold_ck" CHECK ("funds"."committee_threshold_minor" >= 0),
	CONSTRAINT "funds_status_ck" CHECK ("funds"."status" in ('active', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"fund_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"occurred_on" date NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"project_id" uuid,
	"source_type" text,
	"source_id" text,
	"reverses_entry_id" bigint,
	"posted_by" uuid,
	"posted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_entries_reverses_uq" UNIQUE("reverses_entry_id"),
	CONSTRAINT "journal_entries_currency_ck" CHECK ("journal_entries"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "journal_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_id" bigint NOT NULL,
	"account_id" uuid NOT NULL,
	"debit_minor" bigint DEFAULT 0 NOT NULL,
	"credit_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "journal_lines_sides_ck" CHECK ("journal_lines"."debit_minor" >= 0 and "journal_lines"."credit_minor" >= 0 and (("journal_lines"."debit_minor" > 0) <> ("journal_lines"."credit_minor" > 0)))
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"normal_balance" text NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_fund_code_uq" UNIQUE("fund_id","code"),
	CONSTRAINT "ledger_accounts_type_ck" CHECK ("ledger_accounts"."type" in ('asset', 'liability', 'equity', 'income', 'expense')),
	CONSTRAINT "ledger_accounts_normal_ck" CHECK (("ledger_accounts"."type" in ('asset', 'expense') and "ledger_accounts"."normal_balance" = 'debit') or ("ledger_accounts"."type" in ('liability', 'equity', 'income') and "ledger_accounts"."normal_balance" = 'credit'))
);
--> statement-breakpoint
CREATE TABLE "loan_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"loan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"journal_entry_id" bigint,
	CONSTRAINT "loan_actions_kind_ck" CHECK ("loan_actions"."kind" in ('reschedule', 'write_off')),
	CONSTRAINT "loan_actions_status_ck" CHECK ("loan_actions"."status" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "loan_actions_four_eyes_ck" CHECK ("loan_actions"."decided_by" is null or "loan_actions"."decided_by" <> "loan_actions"."proposed_by")
);
--> statement-breakpoint
CREATE TABLE "loan_instalments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"loan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"seq" integer NOT NULL,
	"due_on" date NOT NULL,
	"principal_minor" bigint NOT NULL,
	"interest_minor" bigint NOT NULL,
	CONSTRAINT "loan_instalments_seq_uq" UNIQUE("loan_id","version","seq"),
	CONSTRAINT "loan_instalments_amounts_ck" CHECK ("loan_instalments"."principal_minor" >= 0 and "loan_instalments"."interest_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "loan_repayments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"loan_id" uuid NOT NULL,
	"schedule_version" integer NOT NULL,
	"paid_on" date NOT NULL,
	"amount_minor" bigint NOT NULL,
	"principal_minor" bigint NOT NULL,
	"interest_minor" bigint NOT NULL,
	"journal_entry_id" bigint NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loan_repayments_split_ck" CHECK ("loan_repayments"."amount_minor" > 0 and "loan_repayments"."principal_minor" >= 0 and "loan_repayments"."interest_minor" >= 0 and "loan_repayments"."principal_minor" + "loan_repayments"."interest_minor" = "loan_repayments"."amount_minor")
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigserial NOT NULL,
	"fund_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"principal_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"rate_bps" integer NOT NULL,
	"term_months" integer NOT NULL,
	"grace_months" integer NOT NULL,
	"method" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"disbursed_on" date,
	"schedule_version" integer DEFAULT 0 NOT NULL,
	"closed_on" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loans_number_unique" UNIQUE("number"),
	CONSTRAINT "loans_principal_ck" CHECK ("loans"."principal_minor" > 0),
	CONSTRAINT "loans_rate_ck" CHECK ("loans"."rate_bps" between 0 and 10000),
	CONSTRAINT "loans_term_ck" CHECK ("loans"."term_months" between 1 and 360 and "loans"."grace_months" >= 0 and "loans"."grace_months" < "loans"."term_months"),
	CONSTRAINT "loans_kind_ck" CHECK ("loans"."kind" in ('honour_loan', 'repayable_advance')),
	CONSTRAINT "loans_method_ck" CHECK ("loans"."method" in ('annuity', 'declining')),
	CONSTRAINT "loans_status_ck" CHECK ("loans"."status" in ('proposed', 'approved', 'rejected', 'active', 'closed', 'written_off', 'cancelled')),
	CONSTRAINT "loans_four_eyes_ck" CHECK ("loans"."decided_by" is null or "loans"."decided_by" <> "loans"."proposed_by")
);
--> statement-breakpoint
ALTER TABLE "equipment_assets" ADD CONSTRAINT "equipment_assets_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_assets" ADD CONSTRAINT "equipment_assets_quote_id_equipment_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."equipment_quotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_assets" ADD CONSTRAINT "equipment_assets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_quotes" ADD CONSTRAINT "equipment_quotes_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_quotes" ADD CONSTRAINT "equipment_quotes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capital_contributions" ADD CONSTRAINT "capital_contributions_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capital_contributions" ADD CONSTRAINT "capital_contributions_funder_id_funders_id_fk" FOREIGN KEY ("funder_id") REFERENCES "public"."funders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cofinancing_requests" ADD CONSTRAINT "cofinancing_requests_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cofinancing_requests" ADD CONSTRAINT "cofinancing_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cofinancing_tranches" ADD CONSTRAINT "cofinancing_tranches_request_id_cofinancing_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."cofinancing_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cofinancing_tranches" ADD CONSTRAINT "cofinancing_tranches_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_envelopes" ADD CONSTRAINT "fund_envelopes_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_envelopes" ADD CONSTRAINT "fund_envelopes_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_reverses_entry_id_journal_entries_id_fk" FOREIGN KEY ("reverses_entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_actions" ADD CONSTRAINT "loan_actions_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_instalments" ADD CONSTRAINT "loan_instalments_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_repayments" ADD CONSTRAINT "loan_repayments_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "equipment_assets_fund_idx" ON "equipment_assets" USING btree ("fund_id","status");--> statement-breakpoint
CREATE INDEX "equipment_assets_project_idx" ON "equipment_assets" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "equipment_quotes_fund_idx" ON "equipment_quotes" USING btree ("fund_id","status");--> statement-breakpoint
CREATE INDEX "equipment_quotes_project_idx" ON "equipment_quotes" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "capital_contributions_fund_idx" ON "capital_contributions" USING btree ("fund_id");--> statement-breakpoint
CREATE INDEX "cofinancing_fund_status_idx" ON "cofinancing_requests" USING btree ("fund_id","status");--> statement-breakpoint
CREATE INDEX "cofinancing_project_idx" ON "cofinancing_requests" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "journal_entries_fund_date_idx" ON "journal_entries" USING btree ("fund_id","occurred_on");--> statement-breakpoint
CREATE INDEX "journal_entries_source_idx" ON "journal_entries" USING btree ("source_type","source_id");--> statement-breakpoint
CREATE INDEX "journal_lines_entry_idx" ON "journal_lines" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "journal_lines_account_idx" ON "journal_lines" USING btree ("account_id","entry_id");--> statement-breakpoint
CREATE INDEX "loan_actions_loan_idx" ON "loan_actions" USING btree ("loan_id");--> statement-breakpoint
CREATE INDEX "loan_repayments_loan_idx" ON "loan_repayments" USING btree ("loan_id","paid_on");--> statement-breakpoint
CREATE INDEX "loans_fund_idx" ON "loans" USING btree ("fund_id","status");--> statement-breakpoint
CREATE INDEX "loans_project_idx" ON "loans" USING btree ("project_id");