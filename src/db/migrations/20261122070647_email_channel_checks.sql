-- Closed sets of the email channel are checked by the database too, not only by the API.
ALTER TABLE inbound_messages ADD CONSTRAINT inbound_messages_status_check
  CHECK (status IN ('received', 'created', 'appended', 'ignored', 'review'));
--> statement-breakpoint
ALTER TABLE inbound_messages ADD CONSTRAINT inbound_messages_route_check CHECK (route IN ('smtp', 'imap', 'webhook'));
--> statement-breakpoint
ALTER TABLE mailboxes ADD CONSTRAINT mailboxes_ticket_type_check
  CHECK (ticket_type IN ('incident', 'service_request', 'problem', 'question'));
--> statement-breakpoint
ALTER TABLE mailboxes ADD CONSTRAINT mailboxes_unknown_senders_check CHECK (unknown_senders IN ('create', 'reject'));
