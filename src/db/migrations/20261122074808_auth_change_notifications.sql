-- Processes remember who a session or an API token stands for (features/auth/caller-cache.ts).
-- Whatever changes that — by any process, command or hand-written SQL — notifies them all, at
-- commit, on the channel tend_auth_changed (the payload names the table). Only changes that can
-- matter notify: not logins, not "last used" or sliding-expiry refreshes.
CREATE FUNCTION tend_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tend_auth_changed', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER api_tokens_auth_changed
  AFTER UPDATE OF token_hash, user_id, scopes, expires_at, revoked_at OR DELETE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION tend_auth_changed();
--> statement-breakpoint
CREATE TRIGGER sessions_auth_changed
  AFTER UPDATE OF id_hash, user_id, csrf_token OR DELETE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION tend_auth_changed();
--> statement-breakpoint
CREATE TRIGGER users_auth_changed
  AFTER UPDATE OF organisation_id, role, active OR DELETE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION tend_auth_changed();
--> statement-breakpoint
CREATE TRIGGER teams_auth_changed
  AFTER UPDATE OF active OR DELETE ON teams
  FOR EACH STATEMENT EXECUTE FUNCTION tend_auth_changed();
--> statement-breakpoint
CREATE TRIGGER team_members_auth_changed
  AFTER INSERT OR UPDATE OR DELETE ON team_members
  FOR EACH STATEMENT EXECUTE FUNCTION tend_auth_changed();
--> statement-breakpoint
CREATE TRIGGER team_served_organisations_auth_changed
  AFTER INSERT OR UPDATE OR DELETE ON team_served_organisations
  FOR EACH STATEMENT EXECUTE FUNCTION tend_auth_changed();
