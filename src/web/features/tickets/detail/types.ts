import type { z } from 'zod';
import type { inboundMessageDetail } from '../../../../contracts/channels.js';
import type { slaExplanation, slaTargetState } from '../../../../contracts/sla.js';
import type { timeEntryPage } from '../../../../contracts/ticket-time-entries.js';
import type { historyEntry, message, updateTicket } from '../../../../contracts/tickets.js';

/** The shapes the ticket page reads, straight from the API's contracts. */
export type Message = z.infer<typeof message>;
export type HistoryEntry = z.infer<typeof historyEntry>;
export type SlaExplanation = z.infer<typeof slaExplanation>;
export type SlaTargetState = z.infer<typeof slaTargetState>;
export type TimelineEntry = SlaExplanation['timeline'][number];
export type TimeEntryPage = z.infer<typeof timeEntryPage>;
export type InboundEmail = z.infer<typeof inboundMessageDetail>;
export type TicketChanges = z.input<typeof updateTicket>;
