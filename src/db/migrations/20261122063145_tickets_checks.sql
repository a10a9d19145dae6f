-- Closed sets are checked by the database too, not only by the API.
ALTER TABLE tickets ADD CONSTRAINT tickets_type_check CHECK (type IN ('incident', 'service_request', 'problem', 'question'));
--> statement-breakpoint
ALTER TABLE tickets ADD CONSTRAINT tickets_status_check
  CHECK (status IN ('new', 'open', 'pending_customer', 'pending_third_party', 'on_hold', 'resolved', 'closed'));
--> statement-breakpoint
ALTER TABLE tickets ADD CONSTRAINT tickets_levels_check CHECK (impact IN ('high', 'medium', 'low') AND urgency IN ('high', 'medium', 'low'));
--> statement-breakpoint
ALTER TABLE tickets ADD CONSTRAINT tickets_priority_check CHECK (priority IN ('P1', 'P2', 'P3', 'P4'));
--> statement-breakpoint
ALTER TABLE tickets ADD CONSTRAINT tickets_tier_check CHECK (tier IN ('L1', 'L2', 'L3', 'L4'));
--> statement-breakpoint
ALTER TABLE tickets ADD CONSTRAINT tickets_channel_check CHECK (channel IN ('portal', 'email', 'api', 'agent'));
--> statement-breakpoint
ALTER TABLE ticket_messages ADD CONSTRAINT ticket_messages_visibility_check CHECK (visibility IN ('public', 'internal'));
--> statement-breakpoint
ALTER TABLE ticket_attachments ADD CONSTRAINT ticket_attachments_visibility_check CHECK (visibility IN ('public', 'internal'));
--> statement-breakpoint
ALTER TABLE ticket_links ADD CONSTRAINT ticket_links_kind_check CHECK (kind IN ('duplicate_of', 'related', 'parent_of', 'caused_by'));
--> statement-breakpoint
ALTER TABLE ticket_links ADD CONSTRAINT ticket_links_not_self CHECK (from_ticket_id <> to_ticket_id);
--> statement-breakpoint
ALTER TABLE time_entries ADD CONSTRAINT time_entries_minutes_check CHECK (minutes > 0 AND minutes <= 24 * 60);
--> statement-breakpoint
ALTER TABLE csat_ratings ADD CONSTRAINT csat_ratings_score_check CHECK (score BETWEEN 1 AND 5);
--> statement-breakpoint
ALTER TABLE saved_views ADD CONSTRAINT saved_views_owner_or_team CHECK ((owner_id IS NULL) <> (team_id IS NULL));
--> statement-breakpoint
-- DOMAIN.md default matrix: H×H=P1; H×M, M×H=P2; H×L, M×M, L×H=P3; the rest P4.
INSERT INTO priority_matrix (impact, urgency, priority) VALUES
  ('high', 'high', 'P1'), ('high', 'medium', 'P2'), ('high', 'low', 'P3'),
  ('medium', 'high', 'P2'), ('medium', 'medium', 'P3'), ('medium', 'low', 'P4'),
  ('low', 'high', 'P3'), ('low', 'medium', 'P4'), ('low', 'low', 'P4');
