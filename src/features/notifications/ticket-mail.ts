import { formatTicketNumber } from '../../core/tickets/index.js';
import type { Db } from '../../db/client.js';
import type { MailMessage } from '../../platform/mailer.js';
import type { EventSubscriber } from '../outbox/index.js';
import { queueMail } from './mail.jobs.js';
import { activeUser, membersOf, type Recipient, ticketFacts, watchersOf } from './recipients.js';
import { type Language, render, type TemplateInput, type TemplateName } from './templates.js';

/**
 * Mail about tickets, queued (with retries) when their events are dispatched: the acknowledgement
 * of a new ticket, public replies and status changes to the requester (and watchers), SLA warnings
 * and assignments to agents. Only events of public facts lead to a requester's mail; internal notes
 * raise `ticket.noted`, which this never reads.
 */
export interface TicketThread {
  /** The Message-ID our mail answers, and the References chain (oldest first). */
  inReplyTo: string;
  references: string[];
  /** Where answers go, so they find the ticket (null: From). */
  replyTo: string | null;
  language: Language;
  /** False when the mail that opened the ticket must get no automatic answer. */
  autoAnswer: boolean;
}

export interface TicketMailDeps {
  db: Db;
  publicUrl: string;
  closeGraceDays: number;
  /** How this ticket's mail threads (supplied by the email channel). */
  threadOf(ticketId: string, number: string): Promise<TicketThread>;
  messageIdFor(ticketId: string, unique: string): string;
}

type OutboxEvent = Parameters<EventSubscriber['handle']>[0];
type Facts = NonNullable<Awaited<ReturnType<typeof ticketFacts>>>;

interface Planned {
  to: Recipient;
  template: TemplateName;
  input: Partial<TemplateInput>;
}

const TYPES = [
  'ticket.created',
  'ticket.replied',
  'ticket.resolved',
  'ticket.closed',
  'ticket.updated',
  'ticket.sla_warning',
];

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ticket an event is about, if it names one (events of other aggregates share the types). */
function ticketIdOf(event: OutboxEvent): string | null {
  const ticket = event.payload.ticket as { id?: unknown } | undefined;
  const id = str(ticket?.id) ?? str(event.payload.ticketId) ?? event.aggregateId;
  return event.aggregateType === 'ticket' && UUID.test(id) ? id : null;
}

/** The requester, unless they made the change themself (no mail about what they just did). */
async function forRequester(
  deps: TicketMailDeps,
  facts: Facts,
  event: OutboxEvent | null,
): Promise<Recipient[]> {
  const requester = await activeUser(deps.db, facts.requesterId);
  return requester && requester.id !== str(event?.payload.actorId) ? [requester] : [];
}

async function repliedTo(deps: TicketMailDeps, facts: Facts, event: OutboxEvent): Promise<Planned[]> {
  const message = event.payload.message as
    | { authorId?: string | null; body?: string; visibility?: string }
    | undefined;
  if (message?.visibility !== 'public') return [];
  const author = await activeUser(deps.db, message.authorId);
  const people = [await activeUser(deps.db, facts.requesterId), ...(await watchersOf(deps.db, facts.id))];
  const unique = new Map(
    people.filter((person): person is Recipient => person !== null).map((person) => [person.id, person]),
  );
  unique.delete(message.authorId ?? '');
  const input = { text: message.body ?? '', author: author?.name ?? 'Support' };
  return [...unique.values()].map((to) => ({ to, template: 'replied' as const, input }));
}

async function statusChanged(deps: TicketMailDeps, facts: Facts, event: OutboxEvent): Promise<Planned[]> {
  const to = str(event.payload.to);
  const reason = str(event.payload.reason);
  const template: TemplateName | null =
    to === 'resolved'
      ? 'resolved'
      : to === 'pending_customer'
        ? 'waiting'
        : to === 'closed'
          ? 'closed'
          : null;
  if (!template || (template === 'closed' && reason === 'grace period ended')) return [];
  const input = template === 'closed' && reason ? { text: `\n${reason}` } : {};
  return (await forRequester(deps, facts, event)).map((recipient) => ({ to: recipient, template, input }));
}

async function assigned(deps: TicketMailDeps, event: OutboxEvent): Promise<Planned[]> {
  const assignment = event.payload.assignment as { toAssigneeId?: string | null } | undefined;
  const assignee = await activeUser(deps.db, assignment?.toAssigneeId);
  if (!assignee || assignee.id === str(event.payload.actorId)) return [];
  return [{ to: assignee, template: 'assigned', input: {} }];
}

async function slaWarning(deps: TicketMailDeps, facts: Facts, event: OutboxEvent): Promise<Planned[]> {
  const assignee = await activeUser(deps.db, facts.assigneeId);
  const agents = assignee ? [assignee] : await membersOf(deps.db, facts.teamId);
  const target = (str(event.payload.target) ?? '').replace(/_/g, ' ');
  const text = `${formatTicketNumber(facts.number)} (${str(event.payload.priority) ?? ''}): ${target} due ${str(event.payload.dueAt) ?? ''}`;
  return agents.map((to) => ({ to, template: 'sla_warning' as const, input: { text } }));
}

/** Which mails an event means, to whom. */
async function plan(deps: TicketMailDeps, facts: Facts, event: OutboxEvent): Promise<Planned[]> {
  switch (event.type) {
    case 'ticket.created':
      return (await forRequester(deps, facts, null)).map((to) => ({
        to,
        template: 'acknowledged',
        input: {},
      }));
    case 'ticket.replied':
      return await repliedTo(deps, facts, event);
    case 'ticket.resolved':
    case 'ticket.closed':
      return await statusChanged(deps, facts, event);
    case 'ticket.updated':
      return event.payload.assignment ? await assigned(deps, event) : await statusChanged(deps, facts, event);
    case 'ticket.sla_warning':
      return await slaWarning(deps, facts, event);
    default:
      return [];
  }
}

function compose(
  deps: TicketMailDeps,
  facts: Facts,
  thread: TicketThread,
  planned: Planned,
  unique: string,
): MailMessage {
  const number = formatTicketNumber(facts.number);
  const rendered = render(planned.template, thread.language, {
    number,
    subject: facts.subject,
    url: `${deps.publicUrl}/tickets/${facts.id}`,
    graceDays: deps.closeGraceDays,
    ...planned.input,
  });
  return {
    to: planned.to.email,
    subject: rendered.subject,
    text: rendered.text,
    messageId: deps.messageIdFor(facts.id, unique),
    inReplyTo: thread.inReplyTo,
    references: thread.references,
    ...(thread.replyTo ? { replyTo: thread.replyTo } : {}),
    // RFC 3834: auto-responders must not answer us; Exchange: no out-of-office replies either.
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
  };
}

export function ticketMailSubscriber(deps: TicketMailDeps): EventSubscriber {
  return {
    name: 'ticket-mail',
    types: TYPES,
    async handle(event, log) {
      const ticketId = ticketIdOf(event);
      const facts = ticketId ? await ticketFacts(deps.db, ticketId) : null;
      if (!facts) return;
      const planned = await plan(deps, facts, event);
      if (planned.length === 0) return;
      const thread = await deps.threadOf(facts.id, formatTicketNumber(facts.number));
      const mails = planned
        .filter((entry) => entry.template !== 'acknowledged' || thread.autoAnswer)
        .map((entry, index) => compose(deps, facts, thread, entry, `e${event.id}.${index}`));
      // One mail (the usual case) is one statement, atomic on its own: no transaction around it.
      if (mails.length === 1) await queueMail(deps.db, mails[0]!, `mail:${event.id}:0`);
      else if (mails.length > 1)
        await deps.db.transaction(async (tx) => {
          for (const [index, mail] of mails.entries()) await queueMail(tx, mail, `mail:${event.id}:${index}`);
        });
      log.debug({ eventId: event.id, mails: mails.length }, 'ticket mail queued');
    },
  };
}
