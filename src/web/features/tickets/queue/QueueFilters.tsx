import { Button, Group, Kbd, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconChevronUp, IconSearch, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { tiers } from '../../../../contracts/common.js';
import { ticketType } from '../../../../contracts/tickets.js';
import { TICKET_STATUSES } from '../../../../core/tickets/lifecycle.js';
import { PRIORITIES } from '../../../../core/tickets/priority.js';
import { type MessageKey, t } from '../../../i18n/t';
import { useOrganisationLookup } from '../../admin/organisations/api';
import { statusLabel, typeLabel } from '../detail/labels';
import { useDeskDirectory } from './api';
import { CompactMultiSelect } from './CompactMultiSelect';
import { FILTER_KEYS, type FilterKey, type QueueFilters as Filters, hasFilters } from './search';

type Props = { filters: Filters; onChange: (changes: Filters) => void };
type Option = { value: string; label: string };

const list = (value: string | undefined): string[] => (value ? value.split(',').filter(Boolean) : []);
const csv = (values: string[]): string | undefined => (values.length ? values.join(',') : undefined);

/** A text filter that follows the URL but asks the server only once typing pauses. */
function DebouncedText(props: {
  label: string;
  placeholder?: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  search?: boolean;
}) {
  const [text, setText] = useState(props.value ?? '');
  useEffect(() => setText(props.value ?? ''), [props.value]);
  const commit = useDebouncedCallback((next: string) => props.onChange(next.trim() || undefined), 300);
  return (
    <TextInput
      label={props.label}
      placeholder={props.placeholder}
      type={props.search ? 'search' : 'text'}
      leftSection={props.search ? <IconSearch size={16} aria-hidden /> : undefined}
      rightSection={props.search ? <Kbd size="xs">/</Kbd> : undefined}
      data-shortcut-target={props.search ? 'search' : undefined}
      aria-keyshortcuts={props.search ? '/' : undefined}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') event.currentTarget.blur();
      }}
      w={props.search ? { base: '100%', xs: 260 } : 150}
    />
  );
}

function Multi(props: {
  label: string;
  data: Option[];
  value: string | undefined;
  onChange: (v?: string) => void;
}) {
  return (
    <CompactMultiSelect
      label={props.label}
      data={props.data}
      value={list(props.value)}
      onChange={(values) => props.onChange(csv(values))}
    />
  );
}

function Single(props: {
  label: string;
  data: Option[];
  value: string | undefined;
  onChange: (v?: string) => void;
}) {
  return (
    <Select
      label={props.label}
      data={[{ value: '', label: t('queue.filter.any') }, ...props.data]}
      value={props.value ?? ''}
      onChange={(value) => props.onChange(value || undefined)}
      allowDeselect={false}
      searchable={props.data.length > 8}
      w={170}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

function useOptions() {
  const { teams, staff } = useDeskDirectory();
  const { options: organisations } = useOrganisationLookup();
  return {
    statuses: TICKET_STATUSES.map((status) => ({ value: status, label: statusLabel(status) })),
    types: ticketType.options.map((type) => ({ value: type, label: typeLabel(type) })),
    priorities: PRIORITIES.map((priority) => ({ value: priority, label: priority })),
    tiers: tiers.map((tier) => ({ value: tier, label: tier })),
    teams: teams.map((team) => ({ value: team.id, label: `${team.name} (${team.tier})` })),
    assignees: [
      { value: 'me', label: t('queue.filter.me') },
      { value: 'none', label: t('queue.filter.none') },
      ...staff.map((person) => ({ value: person.id, label: person.name })),
    ],
    organisations,
    sla: [
      { value: 'breached', label: t('queue.filter.slaBreached') },
      { value: 'breaching', label: t('queue.filter.slaBreaching') },
    ],
  };
}

type Options = ReturnType<typeof useOptions>;
/** One choice filter: which URL key it writes, its label, its options and whether several may be picked. */
type Choice = { key: FilterKey; label: MessageKey; options: keyof Options; many?: boolean };

const MAIN: Choice[] = [
  { key: 'status', label: 'queue.filter.status', options: 'statuses', many: true },
  { key: 'priority', label: 'queue.filter.priority', options: 'priorities', many: true },
  { key: 'assigneeId', label: 'queue.filter.assignee', options: 'assignees' },
  { key: 'teamId', label: 'queue.filter.team', options: 'teams' },
  { key: 'sla', label: 'queue.filter.sla', options: 'sla' },
];
const RARE: Choice[] = [
  { key: 'type', label: 'queue.filter.type', options: 'types', many: true },
  { key: 'tier', label: 'queue.filter.tier', options: 'tiers', many: true },
  { key: 'organisationId', label: 'queue.filter.organisation', options: 'organisations' },
];
const MORE: FilterKey[] = [...RARE.map((choice) => choice.key), 'tag'];

/** The choice filters in `choices`, each written straight into its URL key. */
function Choices({ choices, filters, onChange }: Props & { choices: Choice[] }) {
  const options = useOptions();
  return choices.map((choice) => {
    const Field = choice.many ? Multi : Single;
    return (
      <Field
        key={choice.key}
        label={t(choice.label)}
        data={options[choice.options]}
        value={filters[choice.key]}
        onChange={(value) => onChange({ [choice.key]: value })}
      />
    );
  });
}

/** The filters used less often, behind "More filters" (open by itself when one of them is set). */
function MoreFilters({ filters, onChange }: Props) {
  return (
    <>
      <Choices choices={RARE} filters={filters} onChange={onChange} />
      <DebouncedText
        label={t('queue.filter.tag')}
        value={filters.tag}
        onChange={(value) => onChange({ tag: value })}
      />
    </>
  );
}

/** The filter bar: every filter GET /api/v1/tickets knows, each written straight into the URL. */
export function QueueFilters({ filters, onChange }: Props) {
  const moreSet = MORE.filter((key) => filters[key]).length;
  const [showMore, setShowMore] = useState(false);
  const more = showMore || moreSet > 0;
  return (
    <Group align="flex-end" gap="sm" mb="md" role="search" aria-label={t('queue.filters')}>
      <DebouncedText
        label={t('queue.search')}
        placeholder={t('queue.searchPlaceholder')}
        value={filters.q}
        onChange={(value) => onChange({ q: value })}
        search
      />
      <Choices choices={MAIN} filters={filters} onChange={onChange} />
      {more && <MoreFilters filters={filters} onChange={onChange} />}
      {moreSet === 0 && (
        <Button
          variant="subtle"
          leftSection={
            more ? (
              <IconChevronUp size={16} aria-hidden />
            ) : (
              <IconAdjustmentsHorizontal size={16} aria-hidden />
            )
          }
          onClick={() => setShowMore(!more)}
          aria-expanded={more}
        >
          {more ? t('queue.fewerFilters') : t('queue.moreFilters')}
        </Button>
      )}
      {hasFilters(filters) && (
        <Button
          variant="subtle"
          leftSection={<IconX size={16} aria-hidden />}
          onClick={() => onChange(Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined])))}
        >
          {t('queue.clearFilters')}
        </Button>
      )}
    </Group>
  );
}
