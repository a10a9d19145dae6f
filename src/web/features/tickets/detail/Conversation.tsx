import { Skeleton, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Attachment } from '../../../../contracts/ticket-attachments.js';
import type { Ticket } from '../../../../contracts/tickets.js';
import { t } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { attachmentsQuery, emailsQuery, messagesQuery } from './api';
import { type ConversationEntry, MessageItem } from './MessageItem';
import type { InboundEmail, Message } from './types';

function byMessage(attachments: Attachment[]): Map<string | null, Attachment[]> {
  const grouped = new Map<string | null, Attachment[]>();
  for (const file of attachments) {
    const key = file.messageId;
    grouped.set(key, [...(grouped.get(key) ?? []), file]);
  }
  return grouped;
}

/** The opening request first (its files and mail are those not sent with a reply), then the messages. */
function entriesOf(
  ticket: Ticket,
  messages: Message[],
  attachments: Attachment[],
  emails: InboundEmail[],
): ConversationEntry[] {
  const files = byMessage(attachments);
  const mailFor = (messageId: string | null) => emails.find((email) => email.ticketMessageId === messageId);
  const opening: ConversationEntry = {
    key: 'opening',
    authorId: ticket.requesterId,
    internal: false,
    body: ticket.description,
    channel: ticket.channel,
    createdAt: ticket.createdAt,
    opening: true,
    // Files not sent with a message (the opening mail's, its original .eml) belong to the request.
    attachments: files.get(null) ?? [],
    email: ticket.channel === 'email' ? mailFor(null) : undefined,
  };
  return [
    opening,
    ...messages.map((message) => ({
      key: message.id,
      authorId: message.authorId,
      internal: message.visibility === 'internal',
      body: message.body,
      channel: message.channel,
      createdAt: message.createdAt,
      movedFrom: message.movedFromTicketId !== null,
      attachments: files.get(message.id) ?? [],
      email: message.channel === 'email' ? mailFor(message.id) : undefined,
    })),
  ];
}

export function Conversation({ ticket, ticketRef }: { ticket: Ticket; ticketRef: string }) {
  const messages = useQuery(messagesQuery(ticketRef));
  const attachments = useQuery(attachmentsQuery(ticketRef));
  const emails = useQuery({ ...emailsQuery(ticketRef), enabled: ticket.channel === 'email' });
  const entries = entriesOf(ticket, messages.data ?? [], attachments.data ?? [], emails.data ?? []);
  return (
    <Stack gap="md" component="section" aria-labelledby="conversation-heading">
      <Title order={2} size="h4" id="conversation-heading">
        {t('ticket.conversation.title')}
      </Title>
      {messages.isError && <ErrorAlert error={messages.error} onRetry={() => messages.refetch()} />}
      {messages.isPending ? (
        <Skeleton height={120} radius="md" />
      ) : (
        entries.map((entry) => <MessageItem key={entry.key} entry={entry} />)
      )}
    </Stack>
  );
}
