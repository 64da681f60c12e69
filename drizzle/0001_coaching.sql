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
ALTER TABLE "followup_visits" ADD CONSTRAINT "followup_visits_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followup_visits" ADD CONSTRAINT "followup_visits_visitor_user_id_users_id_fk" FOREIGN KEY ("visitor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coaching_action_items_session_idx" ON "coaching_action_items" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "coaching_action_items_project_idx" ON "coaching_action_items" USING btree ("project_id","status");--> statement-breakpoint
CREATE INDEX "coaches_name_idx" ON "coaches" USING btree ("name");--> statement-breakpoint
CREATE INDEX "coaching_plans_project_idx" ON "coaching_plans" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "coaching_sessions_coach_time_idx" ON "coaching_sessions" USING btree ("coach_id","starts_at");--> statement-breakpoint
CREATE INDEX "coaching_sessions_time_idx" ON "coaching_sessions" USING btree ("starts_at","id");--> statement-breakpoint
CREATE INDEX "coaching_sessions_cohort_idx" ON "coaching_sessions" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "coaching_sessions_project_idx" ON "coaching_sessions" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "coaching_session_attendees_project_idx" ON "coaching_session_attendees" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "followup_visits_project_idx" ON "followup_visits" USING btree ("project_id","visited_on");