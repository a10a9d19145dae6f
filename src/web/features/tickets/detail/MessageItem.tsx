import { Anchor, Badge, Group, List, Paper, Stack, Text } from '@mantine/core';
import { IconLock, IconMail, IconMessage, IconPaperclip } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Attachment } from '../../../../contracts/ticket-attachments.js';
import { t } from '../../../i18n/t';
import { formatDateTime } from '../../../ui/format';
import { useUserName } from './directory';
import { EmailOriginal } from './EmailOriginal';
import { channelLabel, fileSize } from './labels';
import { Markdown } from './markdown';
import classes from './TicketPage.module.css';
import type { InboundEmail } from './types';

export type ConversationEntry = {
  key: string;
  authorId: string | null;
  internal: boolean;
  body: string;
  channel: string;
  createdAt: string;
  /** The opening request (the ticket's description), not a reply. */
  opening?: boolean;
  movedFrom?: boolean;
  attachments: Attachment[];
  email?: InboundEmail;
};

function Files({ files }: { files: Attachment[] }) {
  if (files.length === 0) return null;
  return (
    <List
      size="sm"
      spacing={4}
      icon={<IconPaperclip size={14} aria-hidden />}
      aria-label={t('ticket.conversation.attachments')}
    >
      {files.map((file) => (
        <List.Item key={file.id}>
          <Anchor href={file.downloadUrl} download={file.fileName}>
            {file.fileName}
          </Anchor>{' '}
          <Text span size="xs" c="dimmed">
            ({fileSize(file.size)}
            {file.visibility === 'internal' ? ` · ${t('ticket.conversation.internalFile')}` : ''})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/**
 * The body: Markdown for what was written in Tend; mail and API text as plain text (their asterisks
 * and underscores are not formatting). Either way only text, never HTML from the message.
 */
function Body({ entry }: { entry: ConversationEntry }) {
  if (entry.channel === 'email' || entry.channel === 'api') {
    return <pre className={classes.plain}>{entry.body}</pre>;
  }
  return <Markdown text={entry.body} />;
}

function Kind({ entry }: { entry: ConversationEntry }): ReactNode {
  if (entry.internal) {
    return (
      <Group gap={4} className={classes.noteLabel}>
        <IconLock size={16} aria-hidden />
        <Text span size="sm" fw={700} inherit>
          {t('ticket.conversation.internalNote')}
        </Text>
      </Group>
    );
  }
  return (
    <Group gap={4}>
      {entry.channel === 'email' ? <IconMail size={16} aria-hidden /> : <IconMessage size={16} aria-hidden />}
      <Text span size="sm" fw={600}>
        {entry.opening ? t('ticket.conversation.request') : t('ticket.conversation.reply')}
      </Text>
    </Group>
  );
}

/** One message: replies plain, internal notes tinted with a dashed border, a lock and a label. */
export function MessageItem({ entry }: { entry: ConversationEntry }) {
  const author = useUserName(entry.authorId);
  const when = formatDateTime(entry.createdAt);
  const label = t(entry.internal ? 'ticket.conversation.noteBy' : 'ticket.conversation.replyBy', {
    author,
    when,
  });
  return (
    <Paper
      component="article"
      aria-label={label}
      withBorder={!entry.internal}
      p="md"
      radius="md"
      className={entry.internal ? classes.note : classes.reply}
      data-kind={entry.internal ? 'note' : 'reply'}
    >
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="sm">
            <Kind entry={entry} />
            <Text size="sm" fw={600}>
              {author}
            </Text>
            {entry.channel !== 'agent' && entry.channel !== 'portal' && (
              <Badge variant="outline" color="gray" size="sm">
                {t('ticket.conversation.via', { channel: channelLabel(entry.channel) })}
              </Badge>
            )}
            {entry.movedFrom && (
              <Badge variant="outline" color="gray" size="sm">
                {t('ticket.conversation.merged')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" component="time" dateTime={entry.createdAt}>
            {when}
          </Text>
        </Group>
        <div className={classes.body}>
          <Body entry={entry} />
        </div>
        <Files files={entry.attachments} />
        {entry.email?.html && <EmailOriginal email={entry.email} />}
      </Stack>
    </Paper>
  );
}
