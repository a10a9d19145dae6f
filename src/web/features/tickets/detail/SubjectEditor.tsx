import { ActionIcon, Button, Group, TextInput, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { type RefObject, useRef, useState } from 'react';
import type { Ticket } from '../../../../contracts/tickets.js';
import { t } from '../../../i18n/t';
import { useTicketEditing } from './edit';

function SubjectTitle({
  ticket,
  onEdit,
  buttonRef,
}: {
  ticket: Ticket;
  onEdit: () => void;
  buttonRef: RefObject<HTMLButtonElement | null>;
}) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
        {ticket.subject}
      </Title>
      <Tooltip label={t('ticket.subject.edit')}>
        <ActionIcon
          ref={buttonRef}
          variant="subtle"
          color="gray"
          size="lg"
          aria-label={t('ticket.subject.edit')}
          onClick={onEdit}
        >
          <IconPencil size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

type FormProps = { ticket: Ticket; base: Ticket; onDone: () => void };

/** The edit keeps `base`, the ticket as it was when editing began, whatever arrives meanwhile. */
function SubjectForm({ ticket, base, onDone }: FormProps) {
  const { save } = useTicketEditing();
  const [draft, setDraft] = useState(base.subject);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const subject = draft.trim();
    if (!subject || subject === base.subject) return onDone();
    setSaving(true);
    await save(base, { subject });
    setSaving(false);
    onDone();
  };
  return (
    <form
      aria-label={t('ticket.subject.edit')}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      style={{ flex: 1 }}
    >
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label={t('ticket.subject.label')}
          value={draft}
          onChange={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.stopPropagation();
            onDone();
          }}
          maxLength={300}
          required
          autoFocus
          style={{ flex: 1 }}
        />
        <Button type="submit" loading={saving}>
          {t('common.save')}
        </Button>
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </Group>
      <VisuallyHidden>
        <Title order={1}>{ticket.subject}</Title>
      </VisuallyHidden>
    </form>
  );
}

/**
 * The subject as the page's h1, edited in place. The edit remembers the ticket it started from, so a
 * change by someone else meanwhile becomes a conflict (412) instead of being overwritten.
 */
export function SubjectEditor({ ticket }: { ticket: Ticket }) {
  const [base, setBase] = useState<Ticket | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  if (!base) return <SubjectTitle ticket={ticket} onEdit={() => setBase(ticket)} buttonRef={editButton} />;
  const done = () => {
    setBase(null);
    requestAnimationFrame(() => editButton.current?.focus());
  };
  return <SubjectForm ticket={ticket} base={base} onDone={done} />;
}
