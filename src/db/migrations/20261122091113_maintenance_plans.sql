CREATE SEQUENCE "public"."maintenance_task_numbers" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 10001 CACHE 1;--> statement-breakpoint
CREATE TABLE "maintenance_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"environment_id" uuid,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"rrule" text NOT NULL,
	"dtstart" text NOT NULL,
	"timezone" text NOT NULL,
	"exdates" text[] DEFAULT '{}'::text[] NOT NULL,
	"generate_ahead_days" integer NOT NULL,
	"default_assignee_id" uuid,
	"default_team_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"generated_through" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "maintenance_plans_ahead_check" CHECK ("maintenance_plans"."generate_ahead_days" between 0 and 366),
	CONSTRAINT "maintenance_plans_kind_check" CHECK ("maintenance_plans"."kind" in ('corrective', 'adaptive', 'perfective', 'preventive', 'emergency')),
	CONSTRAINT "maintenance_plans_category_check" CHECK ("maintenance_plans"."category" in ('backup_restore_test', 'dr_test', 'patch_review', 'certificate_renewal', 'dependency_updates', 'security_review', 'other'))
);
--> statement-breakpoint
CREATE TABLE "maintenance_task_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "maintenance_task_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"task_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_task_time_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"minutes" integer NOT NULL,
	"billable" boolean NOT NULL,
	"activity" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"spent_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "maintenance_task_time_minutes_check" CHECK ("maintenance_task_time_entries"."minutes" between 1 and 1440)
);
--> statement-breakpoint
CREATE TABLE "maintenance_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" bigint DEFAULT nextval('maintenance_task_numbers') NOT NULL,
	"plan_id" uuid NOT NULL,
	"occurrence_key" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"environment_id" uuid,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"team_id" uuid,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" text DEFAULT '' NOT NULL,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "maintenance_tasks_number_unique" UNIQUE("number"),
	CONSTRAINT "maintenance_tasks_state_check" CHECK ("maintenance_tasks"."state" in ('open', 'in_progress', 'done', 'skipped', 'cancelled')),
	CONSTRAINT "maintenance_tasks_completed_check" CHECK (("maintenance_tasks"."state" in ('open', 'in_progress')) = ("maintenance_tasks"."completed_at" is null))
);
--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_default_assignee_id_users_id_fk" FOREIGN KEY ("default_assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_default_team_id_teams_id_fk" FOREIGN KEY ("default_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_environment_fk" FOREIGN KEY ("service_id","environment_id") REFERENCES "public"."service_environments"("service_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_task_history" ADD CONSTRAINT "maintenance_task_history_task_id_maintenance_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."maintenance_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_task_time_entries" ADD CONSTRAINT "maintenance_task_time_entries_task_id_maintenance_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."maintenance_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_task_time_entries" ADD CONSTRAINT "maintenance_task_time_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tasks" ADD CONSTRAINT "maintenance_tasks_plan_id_maintenance_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."maintenance_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tasks" ADD CONSTRAINT "maintenance_tasks_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tasks" ADD CONSTRAINT "maintenance_tasks_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tasks" ADD CONSTRAINT "maintenance_tasks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tasks" ADD CONSTRAINT "maintenance_tasks_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tasks" ADD CONSTRAINT "maintenance_tasks_environment_fk" FOREIGN KEY ("service_id","environment_id") REFERENCES "public"."service_environments"("service_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maintenance_plans_org_title" ON "maintenance_plans" USING btree ("organisation_id",lower("title"),"id");--> statement-breakpoint
CREATE INDEX "maintenance_plans_title" ON "maintenance_plans" USING btree (lower("title"),"id");--> statement-breakpoint
CREATE INDEX "maintenance_plans_service" ON "maintenance_plans" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "maintenance_plans_active" ON "maintenance_plans" USING btree ("id") WHERE active;--> statement-breakpoint
CREATE INDEX "maintenance_task_history_task" ON "maintenance_task_history" USING btree ("task_id","at","id");--> statement-breakpoint
CREATE INDEX "maintenance_task_time_task" ON "maintenance_task_time_entries" USING btree ("task_id","created_at");--> statement-breakpoint
CREATE INDEX "maintenance_task_time_user" ON "maintenance_task_time_entries" USING btree ("user_id","spent_on");--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_tasks_occurrence" ON "maintenance_tasks" USING btree ("plan_id","occurrence_key");--> statement-breakpoint
CREATE INDEX "maintenance_tasks_org_due" ON "maintenance_tasks" USING btree ("organisation_id","due_at","id");--> statement-breakpoint
CREATE INDEX "maintenance_tasks_due" ON "maintenance_tasks" USING btree ("due_at","id");--> statement-breakpoint
CREATE INDEX "maintenance_tasks_plan_due" ON "maintenance_tasks" USING btree ("plan_id","due_at","id");--> statement-breakpoint
CREATE INDEX "maintenance_tasks_service_due" ON "maintenance_tasks" USING btree ("service_id","due_at","id");--> statement-breakpoint
CREATE INDEX "maintenance_tasks_assignee" ON "maintenance_tasks" USING btree ("assignee_id","state","due_at");--> statement-breakpoint
CREATE INDEX "maintenance_tasks_open_due" ON "maintenance_tasks" USING btree ("due_at","id") WHERE state in ('open', 'in_progress');