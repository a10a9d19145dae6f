import { Button, Group, Modal, Select, Stack, TagsInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { tiers } from '../../../../contracts/common.js';
import type { BulkItemResult } from '../../../../contracts/ticket-bulk.js';
import type { Ticket } from '../../../../contracts/tickets.js';
import { TICKET_STATUSES } from '../../../../core/tickets/lifecycle.js';
import { t } from '../../../i18n/t';
import { FormError } from '../../../ui/FormError';
import { useServerErrors } from '../../../ui/serverErrors';
import { statusLabel } from '../detail/labels';
import { type BulkChanges, useBulkUpdate, useDeskDirectory } from './api';
import { BulkResults } from './BulkResults';

export type BulkKind = 'status' | 'assign' | 'team' | 'tier' | 'tags';

type Values = { value: string; addTags: string[]; removeTags: string[]; reason: string };
type Props = {
  kind: BulkKind | null;
  tickets: Ticket[];
  onClose: () => void;
  /** After the change: the ids that failed (they stay selected). */
  onDone: (failedIds: string[]) => void;
};

const UNASSIGN = '__nobody__';

const TITLES = {
  status: 'bulk.title.status',
  assign: 'bulk.title.assign',
  team: 'bulk.title.team',
  tier: 'bulk.title.tier',
  tags: 'bulk.title.tags',
} as const;

function changesOf(kind: BulkKind, values: Values): BulkChanges {
  if (kind === 'status') return { status: values.value as Ticket['status'] };
  if (kind === 'assign') return { assigneeId: values.value === UNASSIGN ? null : values.value };
  if (kind === 'team') return { teamId: values.value };
  if (kind === 'tier') return { tier: values.value as Ticket['tier'] };
  return {
    addTags: values.addTags.length ? values.addTags : undefined,
    removeTags: values.removeTags.length ? values.removeTags : undefined,
  };
}

function validate(kind: BulkKind) {
  return (values: Values) => {
    const errors: Record<string, string> = {};
    if (kind !== 'tags' && !values.value) errors.value = t('bulk.choose');
    if (kind === 'tags' && !values.addTags.length && !values.removeTags.length)
      errors.addTags = t('bulk.choose');
    if (kind === 'tier' && !values.reason.trim()) errors.reason = t('bulk.reasonRequired');
    return errors;
  };
}

function ValueField({ kind, form }: { kind: BulkKind; form: ReturnType<typeof useForm<Values>> }) {
  const { staff, teams } = useDeskDirectory();
  const common = {
    required: true,
    allowDeselect: false,
    comboboxProps: { withinPortal: true },
    'data-autofocus': true,
  };
  if (kind === 'status') {
    const data = TICKET_STATUSES.map((status) => ({ value: status, label: statusLabel(status) }));
    return <Select label={t('bulk.newStatus')} data={data} {...common} {...form.getInputProps('value')} />;
  }
  if (kind === 'assign') {
    const data = [
      { value: UNASSIGN, label: t('bulk.unassign') },
      ...staff.map((p) => ({ value: p.id, label: p.name })),
    ];
    return (
      <Select
        label={t('bulk.assignee')}
        data={data}
        searchable
        {...common}
        {...form.getInputProps('value')}
      />
    );
  }
  if (kind === 'team') {
    const data = teams.map((team) => ({ value: team.id, label: `${team.name} (${team.tier})` }));
    return (
      <Select label={t('bulk.newTeam')} data={data} searchable {...common} {...form.getInputProps('value')} />
    );
  }
  if (kind === 'tier') {
    const data = tiers.map((tier) => ({ value: tier, label: tier }));
    return <Select label={t('bulk.newTier')} data={data} {...common} {...form.getInputProps('value')} />;
  }
  return (
    <>
      <TagsInput
        label={t('bulk.addTags')}
        description={t('bulk.tagsHint')}
        data-autofocus
        {...form.getInputProps('addTags')}
      />
      <TagsInput
        label={t('bulk.removeTags')}
        description={t('bulk.tagsHint')}
        {...form.getInputProps('removeTags')}
      />
    </>
  );
}

function BulkForm({
  kind,
  tickets,
  onClose,
  onResults,
}: {
  kind: BulkKind;
  tickets: Ticket[];
  onClose: () => void;
  onResults: (results: BulkItemResult[]) => void;
}) {
  const form = useForm<Values>({
    initialValues: { value: '', addTags: [], removeTags: [], reason: '' },
    validate: validate(kind),
  });
  const serverErrors = useServerErrors(form, { 'changes.tier': 'value', 'changes.status': 'value' });
  const bulk = useBulkUpdate();
  const submit = form.onSubmit((values) => {
    serverErrors.clear();
    const input = {
      ticketIds: tickets.map((ticket) => ticket.id),
      changes: changesOf(kind, values),
      reason: values.reason.trim() || undefined,
    };
    bulk.mutate(input, {
      onSuccess: (answer) => onResults(answer.results),
      onError: (error) => serverErrors.show(error),
    });
  });
  const reasonOptional = kind !== 'tier';
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={serverErrors.message} />
        <ValueField kind={kind} form={form} />
        {(kind === 'status' || kind === 'tier') && (
          <Textarea
            label={t('bulk.reason')}
            description={t('bulk.reasonHint')}
            required={!reasonOptional}
            autosize
            minRows={2}
            {...form.getInputProps('reason')}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={bulk.isPending}>
            {t('bulk.apply', { count: tickets.length })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One bulk change for the selected tickets, then what happened to each of them. */
export function BulkModal({ kind, tickets, onClose, onDone }: Props) {
  const [results, setResults] = useState<BulkItemResult[] | null>(null);
  const finish = () => {
    onDone((results ?? []).filter((result) => !result.ok).map((result) => result.ref));
    setResults(null);
  };
  const title = results ? t('bulk.results') : kind ? t(TITLES[kind], { count: tickets.length }) : '';
  return (
    <Modal opened={kind !== null} onClose={results ? finish : onClose} title={title} centered size="lg">
      {kind && !results && (
        <BulkForm kind={kind} tickets={tickets} onClose={onClose} onResults={setResults} />
      )}
      {results && <BulkResults results={results} tickets={tickets} onClose={finish} />}
    </Modal>
  );
}
