ALTER TABLE "ticket_sla" ADD COLUMN "computed_with" jsonb;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "tickets_team_sla_due" ON "tickets" USING btree ("team_id","sla_due_at","id") WHERE sla_due_at is not null;--> statement-breakpoint
CREATE INDEX "tickets_sla_due" ON "tickets" USING btree ("sla_due_at","id") WHERE sla_due_at is not null;