-- The audit log is append-only: history that can be rewritten is not history.
CREATE FUNCTION tend_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION tend_refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION tend_refuse_audit_change();
--> statement-breakpoint
-- Closed sets checked by the database too, not only by the API.
ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check CHECK (kind IN ('provider', 'customer'));
--> statement-breakpoint
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('admin', 'service_manager', 'agent', 'customer_manager', 'requester'));
--> statement-breakpoint
ALTER TABLE teams ADD CONSTRAINT teams_tier_check CHECK (tier IN ('L1', 'L2', 'L3', 'L4'));
--> statement-breakpoint
ALTER TABLE password_tokens ADD CONSTRAINT password_tokens_purpose_check CHECK (purpose IN ('reset', 'invite'));
--> statement-breakpoint
ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_type_check CHECK (actor_type IN ('user', 'token', 'system'));
