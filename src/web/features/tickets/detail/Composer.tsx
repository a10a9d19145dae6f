import {
  Button,
  FileButton,
  Group,
  Kbd,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Tabs,
  Text,
  Textarea,
} from '@mantine/core';
import { IconLock, IconPaperclip, IconSend } from '@tabler/icons-react';
import { type RefObject, useState } from 'react';
import type { Ticket } from '../../../../contracts/tickets.js';
import { t } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { FileList } from './ComposerFiles';
import { MarkdownToolbar } from './MarkdownToolbar';
import { Markdown } from './markdown';
import classes from './TicketPage.module.css';
import {
  type ComposerMode,
  type ComposerState,
  KEEP_STATUS,
  statusOptions,
  useComposer,
} from './useComposer';

export type { ComposerMode } from './useComposer';

type Props = {
  ticket: Ticket;
  ticketRef: string;
  mode: ComposerMode;
  onModeChange: (mode: ComposerMode) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
};

function Heading({ mode, onModeChange }: Pick<Props, 'mode' | 'onModeChange'>) {
  const note = mode === 'internal';
  return (
    <>
      <Group justify="space-between" gap="sm">
        <Text component="h2" fw={700} size="md" id="composer-heading">
          {note ? t('ticket.composer.titleNote') : t('ticket.composer.titleReply')}
        </Text>
        <SegmentedControl
          aria-label={t('ticket.composer.modeLabel')}
          value={mode}
          onChange={(value) => onModeChange(value as ComposerMode)}
          data={[
            { value: 'public', label: t('ticket.composer.modeReply') },
            { value: 'internal', label: t('ticket.composer.modeNote') },
          ]}
        />
      </Group>
      {note && (
        <Group gap={4} className={classes.noteLabel}>
          <IconLock size={16} aria-hidden />
          <Text size="sm" inherit>
            {t('ticket.composer.noteHint')}
          </Text>
        </Group>
      )}
    </>
  );
}

/** Write (plain text with Markdown helpers; Ctrl+Enter sends) or preview it as it will look. */
function Editor({
  state,
  note,
  textareaRef,
}: { state: ComposerState; note: boolean } & Pick<Props, 'textareaRef'>) {
  return (
    <Tabs value={state.tab} onChange={state.setTab} keepMounted={false}>
      <Group justify="space-between" gap="xs">
        <Tabs.List>
          <Tabs.Tab value="write">{t('ticket.composer.write')}</Tabs.Tab>
          <Tabs.Tab value="preview">{t('ticket.composer.preview')}</Tabs.Tab>
        </Tabs.List>
        {state.tab === 'write' && <MarkdownToolbar onFormat={state.format} disabled={state.busy} />}
      </Group>
      <Tabs.Panel value="write" pt="xs">
        <Textarea
          ref={textareaRef}
          label={note ? t('ticket.composer.noteLabel') : t('ticket.composer.replyLabel')}
          description={t('ticket.composer.markdownHint')}
          value={state.body}
          onChange={(event) => state.setBody(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
            event.preventDefault();
            void state.submit();
          }}
          error={state.empty ? t('ticket.composer.empty') : undefined}
          autosize
          minRows={4}
          maxRows={16}
          maxLength={100_000}
        />
      </Tabs.Panel>
      <Tabs.Panel value="preview" pt="xs">
        <Paper withBorder p="sm" radius="sm" mih={96} data-testid="composer-preview">
          {state.body.trim() ? (
            <Markdown text={state.body} />
          ) : (
            <Text c="dimmed" size="sm">
              {t('ticket.composer.nothingToPreview')}
            </Text>
          )}
        </Paper>
      </Tabs.Panel>
    </Tabs>
  );
}

function Actions({ state, ticket, note }: { state: ComposerState; ticket: Ticket; note: boolean }) {
  return (
    <Group justify="space-between" gap="sm" align="flex-end">
      <Group gap="sm" align="flex-end">
        <FileButton onChange={(chosen) => state.files.add(chosen)} multiple>
          {(props) => (
            <Button
              {...props}
              variant="default"
              leftSection={<IconPaperclip size={16} aria-hidden />}
              disabled={state.busy}
            >
              {t('ticket.composer.attach')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {t('ticket.composer.dropHint')}
        </Text>
      </Group>
      <Group gap="sm" align="flex-end">
        <Select
          label={t('ticket.composer.thenStatus')}
          data={statusOptions(ticket)}
          value={state.status}
          onChange={(value) => state.setStatus(value ?? KEEP_STATUS)}
          allowDeselect={false}
          w={200}
        />
        <Button
          onClick={() => void state.submit()}
          loading={state.busy}
          leftSection={note ? <IconLock size={16} aria-hidden /> : <IconSend size={16} aria-hidden />}
          aria-keyshortcuts="Control+Enter"
        >
          {note ? t('ticket.composer.sendNote') : t('ticket.composer.sendReply')}
        </Button>
      </Group>
    </Group>
  );
}

/** Reply to the requester or add an internal note (tinted like notes are), with files and a status. */
export function Composer({ ticket, ticketRef, mode, onModeChange, textareaRef }: Props) {
  const state = useComposer(ticketRef, mode, textareaRef);
  const [dropping, setDropping] = useState(false);
  const note = mode === 'internal';
  if (ticket.status === 'closed') {
    return (
      <Text c="dimmed" size="sm">
        {t('ticket.composer.closed')}
      </Text>
    );
  }
  return (
    <Paper
      component="section"
      aria-labelledby="composer-heading"
      withBorder={!note}
      p="md"
      radius="md"
      className={`${note ? classes.note : classes.reply} ${dropping ? classes.dropping : ''}`}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(event) => {
        if (event.dataTransfer.files.length === 0) return;
        event.preventDefault();
        setDropping(false);
        state.files.add([...event.dataTransfer.files]);
      }}
      data-testid="composer"
    >
      <Stack gap="sm">
        <Heading mode={mode} onModeChange={onModeChange} />
        <Editor state={state} note={note} textareaRef={textareaRef} />
        <FileList files={state.files.files} onRemove={state.files.remove} busy={state.busy} />
        {state.error ? <ErrorAlert error={state.error} /> : null}
        <Actions state={state} ticket={ticket} note={note} />
        <Text size="xs" c="dimmed">
          {t('ticket.composer.sendHint')} <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd>
        </Text>
      </Stack>
    </Paper>
  );
}
