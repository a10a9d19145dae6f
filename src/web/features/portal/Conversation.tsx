import { Anchor, Avatar, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconHeadset, IconPaperclip, IconUser } from '@tabler/icons-react';
import type { Attachment } from '../../../contracts/ticket-attachments.js';
import { t } from '../../i18n/t';
import { formatDateTime } from '../../ui/format';
import type { Message } from './api';

const KILOBYTE = 1024;

export function fileSize(bytes: number): string {
  if (bytes < KILOBYTE) return t('portal.bytes', { count: bytes });
  if (bytes < KILOBYTE * KILOBYTE) return t('portal.kilobytes', { count: Math.ceil(bytes / KILOBYTE) });
  return t('portal.megabytes', { count: (bytes / KILOBYTE / KILOBYTE).toFixed(1) });
}

/** Download links for files; the server always serves them as downloads, never as pages. */
export function FileList({ files }: { files: Attachment[] }) {
  if (files.length === 0) return null;
  return (
    <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('portal.files')}>
      {files.map((file) => (
        <Group component="li" key={file.id} gap={6} wrap="nowrap">
          <IconPaperclip size={14} aria-hidden />
          <Anchor
            href={file.downloadUrl}
            size="sm"
            download={file.fileName}
            style={{ overflowWrap: 'anywhere' }}
          >
            {file.fileName}
          </Anchor>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {fileSize(file.size)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

type Author = { label: string; staff: boolean };

/**
 * Who wrote a message, in the customer's terms. Staff names are not the customer's to look up; a
 * reply written by the desk (channel "agent") is "the support team".
 */
function authorOf(message: Message, me: string, names: Map<string, string>): Author {
  if (message.authorId === me) return { label: t('portal.author.you'), staff: false };
  if (message.channel === 'agent') return { label: t('portal.author.support'), staff: true };
  const name = message.authorId ? names.get(message.authorId) : undefined;
  return { label: name ?? t('portal.author.other'), staff: false };
}

type Props = {
  messages: Message[];
  files: Attachment[];
  me: string;
  names: Map<string, string>;
};

function MessageItem({ message, author, files }: { message: Message; author: Author; files: Attachment[] }) {
  return (
    <Paper component="li" withBorder radius="md" p="md" data-testid="portal-message">
      <Group gap="sm" mb="xs" wrap="nowrap">
        <Avatar size="sm" radius="xl" color={author.staff ? 'tend' : 'gray'} aria-hidden>
          {author.staff ? <IconHeadset size={16} /> : <IconUser size={16} />}
        </Avatar>
        <div>
          <Text size="sm" fw={600}>
            {author.label}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(message.createdAt)}
          </Text>
        </div>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {message.body}
      </Text>
      {files.length > 0 && (
        <Stack mt="sm" gap={4}>
          <FileList files={files} />
        </Stack>
      )}
    </Paper>
  );
}

/** The public conversation, oldest first; the server leaves internal notes out for customers. */
export function Conversation({ messages, files, me, names }: Props) {
  const byMessage = new Map<string, Attachment[]>();
  for (const file of files) {
    if (file.messageId) byMessage.set(file.messageId, [...(byMessage.get(file.messageId) ?? []), file]);
  }
  return (
    <section aria-labelledby="conversation-heading">
      <Title order={2} size="h4" mb="sm" id="conversation-heading">
        {t('portal.conversation')}
      </Title>
      {messages.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('portal.noReplies')}
        </Text>
      ) : (
        <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {messages.map((message) => (
            <MessageItem
              key={message.id}
              message={message}
              author={authorOf(message, me, names)}
              files={byMessage.get(message.id) ?? []}
            />
          ))}
        </Stack>
      )}
    </section>
  );
}
