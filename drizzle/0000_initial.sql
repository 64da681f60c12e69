CREATE TABLE "application_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_attachments_size_ck" CHECK ("application_attachments"."size_bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"author_id" uuid,
	"audience" text NOT NULL,
	"body" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_messages_audience_ck" CHECK ("application_messages"."audience" in ('holder', 'internal'))
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"holder_user_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"motivation" text DEFAULT '' NOT NULL,
	"locale" text DEFAULT 'fr' NOT NULL,
	"submitted_at" timestamp (3) with time zone,
	"decided_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_programme_project_uq" UNIQUE("programme_id","project_id"),
	CONSTRAINT "applications_status_ck" CHECK ("applications"."status" in ('draft', 'submitted', 'screening', 'committee', 'accepted', 'waitlisted', 'rejected', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "screening_results" (
	"application_id" uuid NOT NULL,
	"criterion_key" text NOT NULL,
	"passed" boolean NOT NULL,
	"reason" text,
	"checked_by" uuid,
	"checked_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "screening_results_application_id_criterion_key_pk" PRIMARY KEY("application_id","criterion_key"),
	CONSTRAINT "screening_results_reason_ck" CHECK ("screening_results"."passed" or coalesce(length("screening_results"."reason"), 0) > 0)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_email" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"locale" text DEFAULT 'fr' NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"invitation_token_hash" text,
	"invitation_expires_at" timestamp (3) with time zone,
	"last_login_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "coaching_action_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner" text NOT NULL,
	"due_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coaches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"profession" text NOT NULL,
	"firm" text,
	"specialties" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"hourly_rate_minor" bigint,
	"currency" text,
	"weekly_availability" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"calendar_token_hash" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaches_user_uq" UNIQUE("user_id"),
	CONSTRAINT "coaches_kind_ck" CHECK ("coaches"."kind" in ('staff', 'external')),
	CONSTRAINT "coaches_rate_ck" CHECK (("coaches"."kind" = 'staff') or ("coaches"."hourly_rate_minor" is not null and "coaches"."hourly_rate_minor" >= 0 and "coaches"."currency" is not null))
);
--> statement-breakpoint
CREATE TABLE "coaching_plan_budgets" (
	"plan_id" uuid NOT NULL,
	"support_type" text NOT NULL,
	"budget_minutes" integer NOT NULL,
	CONSTRAINT "coaching_plan_budgets_plan_id_support_type_pk" PRIMARY KEY("plan_id","support_type"),
	CONSTRAINT "coaching_plan_budgets_minutes_ck" CHECK ("coaching_plan_budgets"."budget_minutes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "coaching_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"objectives" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_plans_cohort_project_uq" UNIQUE("cohort_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "coaching_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"format" text NOT NULL,
	"project_id" uuid,
	"support_type" text NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"mode" text NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"coach_id" uuid NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"decisions" text DEFAULT '' NOT NULL,
	"cancelled_at" timestamp (3) with time zone,
	"cancellation_reason" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_sessions_duration_ck" CHECK ("coaching_sessions"."duration_minutes" between 15 and 720),
	CONSTRAINT "coaching_sessions_ends_ck" CHECK ("coaching_sessions"."ends_at" > "coaching_sessions"."starts_at"),
	CONSTRAINT "coaching_sessions_format_ck" CHECK (("coaching_sessions"."format" = 'individual' and "coaching_sessions"."project_id" is not null) or ("coaching_sessions"."format" = 'group' and "coaching_sessions"."project_id" is null)),
	CONSTRAINT "coaching_sessions_status_ck" CHECK ("coaching_sessions"."status" in ('scheduled', 'held', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "coaching_session_attendees" (
	"session_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"attendance" text DEFAULT 'expected' NOT NULL,
	"participants" integer,
	CONSTRAINT "coaching_session_attendees_session_id_project_id_pk" PRIMARY KEY("session_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "committee_agenda" (
	"session_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	CONSTRAINT "committee_agenda_session_id_application_id_pk" PRIMARY KEY("session_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "committee_conflicts" (
	"session_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"declared_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "committee_conflicts_session_id_application_id_user_id_pk" PRIMARY KEY("session_id","application_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "committee_decisions" (
	"session_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reasons" text NOT NULL,
	"average_score_bp" integer NOT NULL,
	"scorecard_count" integer NOT NULL,
	"cohort_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "committee_decisions_session_id_application_id_pk" PRIMARY KEY("session_id","application_id"),
	CONSTRAINT "committee_decisions_decision_ck" CHECK ("committee_decisions"."decision" in ('accepted', 'waitlisted', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "committee_members" (
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "committee_members_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "committee_scorecards" (
	"session_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "committee_scorecards_session_id_application_id_user_id_pk" PRIMARY KEY("session_id","application_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "committee_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"quorum" integer NOT NULL,
	"grid" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "committee_sessions_quorum_ck" CHECK ("committee_sessions"."quorum" >= 1),
	CONSTRAINT "committee_sessions_status_ck" CHECK ("committee_sessions"."status" in ('open', 'closed'))
);
--> statement-breakpoint
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
CREATE TABLE "followup_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"visitor_name" text NOT NULL,
	"visitor_user_id" uuid,
	"findings" text NOT NULL,
	"risk_rating" text NOT NULL,
	"recommendations" text DEFAULT '' NOT NULL,
	"next_visit_on" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "followup_visits_risk_ck" CHECK ("followup_visits"."risk_rating" in ('green', 'amber', 'red')),
	CONSTRAINT "followup_visits_next_ck" CHECK ("followup_visits"."next_visit_on" is null or "followup_visits"."next_visit_on" >= "followup_visits"."visited_on")
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
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
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
	CONSTRAINT "journal_entries_kind_ck" CHECK ("journal_entries"."kind" in ('capital_contribution', 'commitment', 'disbursement', 'cancellation', 'repayment', 'write_off', 'adjustment')),
	CONSTRAINT "journal_entries_reversal_ck" CHECK ("journal_entries"."reverses_entry_id" is null or "journal_entries"."reverses_entry_id" < "journal_entries"."id"),
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
	CONSTRAINT "ledger_accounts_currency_ck" CHECK ("ledger_accounts"."currency" ~ '^[A-Z]{3}$'),
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
CREATE TABLE "cohorts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"capacity" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohorts_programme_name_uq" UNIQUE("programme_id","name")
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"territory" text NOT NULL,
	"eligibility_criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"call_opens_on" date,
	"call_closes_on" date,
	"budget_envelope_minor" bigint DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"languages" text[] DEFAULT '{"fr"}' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"scoring_grid" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programmes_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "cohort_members" (
	"cohort_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"joined_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohort_members_cohort_id_project_id_pk" PRIMARY KEY("cohort_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"evidence" text,
	"reached_on" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"legal_form" text NOT NULL,
	"target_legal_form" text,
	"sector" text NOT NULL,
	"district" text NOT NULL,
	"territory" text NOT NULL,
	"founders_count" integer DEFAULT 0 NOT NULL,
	"women_count" integer DEFAULT 0 NOT NULL,
	"youth_count" integer DEFAULT 0 NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"owner_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"programme_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"needs" text[] DEFAULT '{}' NOT NULL,
	"district" text NOT NULL,
	"total_budget_minor" bigint DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"stage" text DEFAULT 'applicant' NOT NULL,
	"holder_user_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_attachments" ADD CONSTRAINT "application_attachments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_attachments" ADD CONSTRAINT "application_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_messages" ADD CONSTRAINT "application_messages_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_messages" ADD CONSTRAINT "application_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_holder_user_id_users_id_fk" FOREIGN KEY ("holder_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_results" ADD CONSTRAINT "screening_results_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_results" ADD CONSTRAINT "screening_results_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_action_items" ADD CONSTRAINT "coaching_action_items_session_id_coaching_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."coaching_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_action_items" ADD CONSTRAINT "coaching_action_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaches" ADD CONSTRAINT "coaches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_plan_budgets" ADD CONSTRAINT "coaching_plan_budgets_plan_id_coaching_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."coaching_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_plans" ADD CONSTRAINT "coaching_plans_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_plans" ADD CONSTRAINT "coaching_plans_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_session_attendees" ADD CONSTRAINT "coaching_session_attendees_session_id_coaching_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."coaching_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_session_attendees" ADD CONSTRAINT "coaching_session_attendees_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_agenda" ADD CONSTRAINT "committee_agenda_session_id_committee_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."committee_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_agenda" ADD CONSTRAINT "committee_agenda_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_conflicts" ADD CONSTRAINT "committee_conflicts_session_id_committee_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."committee_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_conflicts" ADD CONSTRAINT "committee_conflicts_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_conflicts" ADD CONSTRAINT "committee_conflicts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_decisions" ADD CONSTRAINT "committee_decisions_session_id_committee_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."committee_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_decisions" ADD CONSTRAINT "committee_decisions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_decisions" ADD CONSTRAINT "committee_decisions_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_decisions" ADD CONSTRAINT "committee_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_session_id_committee_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."committee_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_scorecards" ADD CONSTRAINT "committee_scorecards_session_id_committee_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."committee_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_scorecards" ADD CONSTRAINT "committee_scorecards_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_scorecards" ADD CONSTRAINT "committee_scorecards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_sessions" ADD CONSTRAINT "committee_sessions_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_sessions" ADD CONSTRAINT "committee_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_assets" ADD CONSTRAINT "equipment_assets_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_assets" ADD CONSTRAINT "equipment_assets_quote_id_equipment_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."equipment_quotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_assets" ADD CONSTRAINT "equipment_assets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_quotes" ADD CONSTRAINT "equipment_quotes_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_quotes" ADD CONSTRAINT "equipment_quotes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_visits" ADD CONSTRAINT "followup_visits_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_visits" ADD CONSTRAINT "followup_visits_visitor_user_id_users_id_fk" FOREIGN KEY ("visitor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_holder_user_id_users_id_fk" FOREIGN KEY ("holder_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_attachments_application_idx" ON "application_attachments" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "application_events_application_idx" ON "application_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE INDEX "application_messages_application_idx" ON "application_messages" USING btree ("application_id","id");--> statement-breakpoint
CREATE INDEX "applications_programme_status_idx" ON "applications" USING btree ("programme_id","status");--> statement-breakpoint
CREATE INDEX "applications_holder_idx" ON "applications" USING btree ("holder_user_id");--> statement-breakpoint
CREATE INDEX "applications_created_idx" ON "applications" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_log" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "login_attempts_email_idx" ON "login_attempts" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_idx" ON "login_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "users_created_idx" ON "users" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "users_invitation_idx" ON "users" USING btree ("invitation_token_hash");--> statement-breakpoint
CREATE INDEX "coaching_action_items_session_idx" ON "coaching_action_items" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "coaching_action_items_project_idx" ON "coaching_action_items" USING btree ("project_id","status");--> statement-breakpoint
CREATE INDEX "coaches_name_idx" ON "coaches" USING btree ("name");--> statement-breakpoint
CREATE INDEX "coaching_plans_project_idx" ON "coaching_plans" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "coaching_sessions_coach_time_idx" ON "coaching_sessions" USING btree ("coach_id","starts_at");--> statement-breakpoint
CREATE INDEX "coaching_sessions_time_idx" ON "coaching_sessions" USING btree ("starts_at","id");--> statement-breakpoint
CREATE INDEX "coaching_sessions_cohort_idx" ON "coaching_sessions" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "coaching_sessions_project_idx" ON "coaching_sessions" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "coaching_session_attendees_project_idx" ON "coaching_session_attendees" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "committee_agenda_application_idx" ON "committee_agenda" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "committee_decisions_application_idx" ON "committee_decisions" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "committee_members_user_idx" ON "committee_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "committee_sessions_programme_idx" ON "committee_sessions" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "committee_sessions_created_idx" ON "committee_sessions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "equipment_assets_fund_idx" ON "equipment_assets" USING btree ("fund_id","status");--> statement-breakpoint
CREATE INDEX "equipment_assets_project_idx" ON "equipment_assets" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "equipment_quotes_fund_idx" ON "equipment_quotes" USING btree ("fund_id","status");--> statement-breakpoint
CREATE INDEX "equipment_quotes_project_idx" ON "equipment_quotes" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "followup_visits_project_idx" ON "followup_visits" USING btree ("project_id","visited_on");--> statement-breakpoint
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
CREATE INDEX "loans_project_idx" ON "loans" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "cohorts_programme_idx" ON "cohorts" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "cohort_members_project_idx" ON "cohort_members" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "milestones_project_idx" ON "milestones" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "organisations_owner_idx" ON "organisations" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "projects_org_idx" ON "projects" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "projects_holder_idx" ON "projects" USING btree ("holder_user_id");--> statement-breakpoint
CREATE INDEX "projects_created_idx" ON "projects" USING btree ("created_at","id");