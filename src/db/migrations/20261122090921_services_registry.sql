CREATE TABLE "service_components" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"environment_id" uuid,
	"name" text NOT NULL,
	"version" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_environments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_environments_service_id" UNIQUE("service_id","id"),
	CONSTRAINT "service_environments_kind_check" CHECK ("service_environments"."kind" in ('production', 'staging', 'test', 'development', 'other'))
);
--> statement-breakpoint
CREATE TABLE "service_owners" (
	"service_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_owners_service_id_user_id_role_pk" PRIMARY KEY("service_id","user_id","role"),
	CONSTRAINT "service_owners_role_check" CHECK ("service_owners"."role" in ('technical', 'business'))
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"notice_lead_hours" integer DEFAULT 72 NOT NULL,
	"requires_customer_approval" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "services_status_check" CHECK ("services"."status" in ('active', 'retired')),
	CONSTRAINT "services_notice_lead_check" CHECK ("services"."notice_lead_hours" between 0 and 8760)
);
--> statement-breakpoint
ALTER TABLE "service_components" ADD CONSTRAINT "service_components_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_components" ADD CONSTRAINT "service_components_environment_fk" FOREIGN KEY ("service_id","environment_id") REFERENCES "public"."service_environments"("service_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_environments" ADD CONSTRAINT "service_environments_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_owners" ADD CONSTRAINT "service_owners_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_owners" ADD CONSTRAINT "service_owners_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_components_name" ON "service_components" USING btree ("service_id",coalesce("environment_id", '00000000-0000-0000-0000-000000000000'::uuid),lower("name"));--> statement-breakpoint
CREATE INDEX "service_components_environment" ON "service_components" USING btree ("environment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_environments_name" ON "service_environments" USING btree ("service_id",lower("name"));--> statement-breakpoint
CREATE INDEX "service_owners_user" ON "service_owners" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "services_org_name" ON "services" USING btree ("organisation_id",lower("name"));--> statement-breakpoint
CREATE INDEX "services_name" ON "services" USING btree (lower("name"),"id");