CREATE SEQUENCE "public"."change_numbers" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 10001 CACHE 1;--> statement-breakpoint
CREATE TABLE "approver_group_members" (
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "approver_group_members_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "approver_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid,
	"service_id" uuid,
	"name" text NOT NULL,
	"rule" text NOT NULL,
	"quorum" integer DEFAULT 1 NOT NULL,
	"expedited" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "approver_groups_rule_check" CHECK ("approver_groups"."rule" in ('quorum', 'all')),
	CONSTRAINT "approver_groups_quorum_check" CHECK ("approver_groups"."quorum" >= 1)
);
--> statement-breakpoint
CREATE TABLE "change_affected" (
	"change_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"environment_id" uuid NOT NULL,
	CONSTRAINT "change_affected_change_id_environment_id_pk" PRIMARY KEY("change_id","environment_id")
);
--> statement-breakpoint
CREATE TABLE "change_approvals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"change_id" uuid NOT NULL,
	"approver_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "change_approvals_decision_check" CHECK ("change_approvals"."decision" in ('approve', 'reject'))
);
--> statement-breakpoint
CREATE TABLE "change_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "change_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"change_id" uuid NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"comment" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "change_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" bigint DEFAULT nextval('change_numbers') NOT NULL,
	"organisation_id" uuid NOT NULL,
	"type" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"risk" text NOT NULL,
	"impact" text NOT NULL,
	"implementation_plan" text DEFAULT '' NOT NULL,
	"backout_plan" text DEFAULT '' NOT NULL,
	"test_plan" text DEFAULT '' NOT NULL,
	"requires_downtime" boolean DEFAULT false NOT NULL,
	"planned_start" timestamp with time zone,
	"planned_end" timestamp with time zone,
	"actual_start" timestamp with time zone,
	"actual_end" timestamp with time zone,
	"state" text NOT NULL,
	"requester_id" uuid NOT NULL,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"scheduled_at" timestamp with time zone,
	"implemented_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"rolled_back_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(description, '')), 'B')) STORED,
	CONSTRAINT "change_requests_number_unique" UNIQUE("number"),
	CONSTRAINT "change_requests_state_check" CHECK ("change_requests"."state" in ('draft', 'submitted', 'assessment', 'approved', 'rejected', 'scheduled', 'in_progress', 'implemented', 'failed', 'rolled_back', 'reviewed', 'closed', 'cancelled')),
	CONSTRAINT "change_requests_type_check" CHECK ("change_requests"."type" in ('standard', 'normal', 'emergency')),
	CONSTRAINT "change_requests_kind_check" CHECK ("change_requests"."kind" in ('corrective', 'adaptive', 'perfective', 'preventive', 'emergency')),
	CONSTRAINT "change_requests_risk_check" CHECK ("change_requests"."risk" in ('low', 'medium', 'high', 'critical')),
	CONSTRAINT "change_requests_impact_check" CHECK ("change_requests"."impact" in ('high', 'medium', 'low')),
	CONSTRAINT "change_requests_planned_check" CHECK (("change_requests"."planned_start" is null) = ("change_requests"."planned_end" is null) and ("change_requests"."planned_end" is null or "change_requests"."planned_end" > "change_requests"."planned_start"))
);
--> statement-breakpoint
CREATE TABLE "change_ticket_links" (
	"change_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "change_ticket_links_change_id_ticket_id_pk" PRIMARY KEY("change_id","ticket_id"),
	CONSTRAINT "change_ticket_links_kind_check" CHECK ("change_ticket_links"."kind" in ('raised_by', 'fixes', 'related'))
);
--> statement-breakpoint
ALTER TABLE "approver_group_members" ADD CONSTRAINT "approver_group_members_group_id_approver_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."approver_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approver_group_members" ADD CONSTRAINT "approver_group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approver_groups" ADD CONSTRAINT "approver_groups_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approver_groups" ADD CONSTRAINT "approver_groups_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_affected" ADD CONSTRAINT "change_affected_change_id_change_requests_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."change_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_affected" ADD CONSTRAINT "change_affected_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_affected" ADD CONSTRAINT "change_affected_environment_fk" FOREIGN KEY ("service_id","environment_id") REFERENCES "public"."service_environments"("service_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_approvals" ADD CONSTRAINT "change_approvals_change_id_change_requests_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."change_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_approvals" ADD CONSTRAINT "change_approvals_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_history" ADD CONSTRAINT "change_history_change_id_change_requests_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."change_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_history" ADD CONSTRAINT "change_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_ticket_links" ADD CONSTRAINT "change_ticket_links_change_id_change_requests_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."change_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_ticket_links" ADD CONSTRAINT "change_ticket_links_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_ticket_links" ADD CONSTRAINT "change_ticket_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approver_group_members_user" ON "approver_group_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "approver_groups_name" ON "approver_groups" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "approver_groups_org" ON "approver_groups" USING btree ("organisation_id","service_id");--> statement-breakpoint
CREATE INDEX "change_affected_service" ON "change_affected" USING btree ("service_id","change_id");--> statement-breakpoint
CREATE UNIQUE INDEX "change_approvals_once" ON "change_approvals" USING btree ("change_id","approver_id");--> statement-breakpoint
CREATE INDEX "change_history_change" ON "change_history" USING btree ("change_id","id");--> statement-breakpoint
CREATE INDEX "change_requests_org_updated" ON "change_requests" USING btree ("organisation_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "change_requests_state_updated" ON "change_requests" USING btree ("state","updated_at","id");--> statement-breakpoint
CREATE INDEX "change_requests_updated" ON "change_requests" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "change_requests_created" ON "change_requests" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "change_requests_planned" ON "change_requests" USING btree ("planned_start","id") WHERE planned_start is not null;--> statement-breakpoint
CREATE INDEX "change_requests_submitted" ON "change_requests" USING btree ("submitted_at") WHERE submitted_at is not null;--> statement-breakpoint
CREATE INDEX "change_requests_implemented" ON "change_requests" USING btree ("implemented_at") WHERE implemented_at is not null;--> statement-breakpoint
CREATE INDEX "change_requests_search" ON "change_requests" USING gin ("search");--> statement-breakpoint
CREATE INDEX "change_ticket_links_ticket" ON "change_ticket_links" USING btree ("ticket_id");