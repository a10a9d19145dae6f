-- Tickets could name a service before services existed; such ids point at nothing and are dropped.
UPDATE "tickets" SET "service_id" = NULL WHERE "service_id" IS NOT NULL AND "service_id" NOT IN (SELECT "id" FROM "services");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_service" ON "tickets" USING btree ("service_id","id") WHERE service_id is not null;