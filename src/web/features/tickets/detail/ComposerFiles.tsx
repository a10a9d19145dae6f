import { ActionIcon, Group, List, Progress, Stack, Text } from '@mantine/core';
import { IconPaperclip, IconX } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { t } from '../../../i18n/t';
import { fileSize } from './labels';
import { uploadAttachment, uploadProblem } from './upload';

type Visibility = 'public' | 'internal';

export type PendingFile = {
  key: string;
  file: File;
  progress: number;
  state: 'waiting' | 'uploading' | 'uploaded' | 'failed';
  problem?: string;
  /** Set once uploaded, with the visibility it was uploaded as (a note's files must be internal). */
  uploaded?: { id: string; visibility: Visibility };
};

let counter = 0;

/**
 * Files chosen for the next message. They upload when it is sent, as public files for a reply or
 * internal ones for a note, so nothing reaches the customer before the message does.
 */
export function useComposerFiles(ticketRef: string) {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const update = (key: string, change: Partial<PendingFile>) =>
    setFiles((previous) => previous.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const add = useCallback((chosen: File[]) => {
    const added = chosen.map((file) => ({
      key: `f${++counter}`,
      file,
      progress: 0,
      state: 'waiting' as const,
    }));
    setFiles((previous) => [...previous, ...added]);
  }, []);
  const remove = (key: string) => setFiles((previous) => previous.filter((item) => item.key !== key));
  const clear = () => setFiles([]);

  /** Upload what is not uploaded yet (as `visibility`); the attachment ids, or null if one failed. */
  const uploadAll = async (visibility: Visibility): Promise<string[] | null> => {
    const ids: string[] = [];
    for (const item of files) {
      if (item.uploaded?.visibility === visibility) {
        ids.push(item.uploaded.id);
        continue;
      }
      update(item.key, { state: 'uploading', progress: 0, problem: undefined });
      try {
        const attachment = await uploadAttachment(ticketRef, item.file, visibility, (progress) =>
          update(item.key, { progress }),
        );
        update(item.key, { state: 'uploaded', progress: 1, uploaded: { id: attachment.id, visibility } });
        ids.push(attachment.id);
      } catch (error) {
        update(item.key, { state: 'failed', problem: uploadProblem(error) });
        return null;
      }
    }
    return ids;
  };

  return { files, add, remove, clear, uploadAll };
}

function FileRow({ item, onRemove, busy }: { item: PendingFile; onRemove: () => void; busy: boolean }) {
  return (
    <List.Item>
      <Stack gap={2}>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {item.file.name}
          </Text>
          <Text size="xs" c="dimmed">
            {fileSize(item.file.size)}
          </Text>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-label={t('ticket.composer.removeFile', { name: item.file.name })}
            onClick={onRemove}
            disabled={busy}
          >
            <IconX size={14} aria-hidden />
          </ActionIcon>
        </Group>
        {item.state === 'uploading' && (
          <Progress
            value={Math.round(item.progress * 100)}
            size="sm"
            aria-label={t('ticket.composer.uploading', { name: item.file.name })}
          />
        )}
        {item.problem && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert" data-testid="upload-problem">
            {t('ticket.composer.uploadFailed', { name: item.file.name, problem: item.problem })}
          </Text>
        )}
      </Stack>
    </List.Item>
  );
}

export function FileList({
  files,
  onRemove,
  busy,
}: {
  files: PendingFile[];
  onRemove: (key: string) => void;
  busy: boolean;
}) {
  if (files.length === 0) return null;
  return (
    <List
      size="sm"
      spacing={6}
      icon={<IconPaperclip size={14} aria-hidden />}
      aria-label={t('ticket.composer.filesToSend')}
    >
      {files.map((item) => (
        <FileRow key={item.key} item={item} busy={busy} onRemove={() => onRemove(item.key)} />
      ))}
    </List>
  );
}
