import { Badge, Button, Group, Paper, Select, Stack, TagsInput, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Team } from '../../../../contracts/directory.js';
import type { Ticket } from '../../../../contracts/tickets.js';
import { LEVELS } from '../../../../core/tickets/priority.js';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n/t';
import { formatDateTime } from '../../../ui/format';
import { servingTeamsQuery, useUserName } from './directory';
import { useTicketEditing } from './edit';
import { channelLabel, levelLabel, priorityColor, typeLabel } from './labels';
import { ServiceSelect } from './ServiceSelect';
import type { TicketChanges } from './types';

const TYPES = ['incident', 'service_request', 'problem', 'question'] as const;
const NOBODY = 'nobody';

/** Each change saves at once, with the version it was made on (a newer one means a conflict). */
function useSaveField(ticket: Ticket) {
  const { save } = useTicketEditing();
  const [busy, setBusy] = useState<string | null>(null);
  const change = async (field: string, changes: TicketChanges) => {
    setBusy(field);
    await save(ticket, changes);
    setBusy(null);
  };
  return { busy, change };
}

type TeamProps = { ticket: Ticket; teams: Team[]; busy: boolean; onChange: (changes: TicketChanges) => void };

/** Another queue of the same tier (another tier is an escalation); an assignee outside it is cleared. */
function TeamSelect({ ticket, teams, busy, onChange }: TeamProps) {
  const options = teams
    .filter((candidate) => candidate.active || candidate.id === ticket.teamId)
    .map((candidate) => ({ value: candidate.id, label: candidate.name }));
  const move = (teamId: string | null) => {
    if (!teamId || teamId === ticket.teamId) return;
    const next = teams.find((candidate) => candidate.id === teamId);
    const keepsAssignee = next?.members.some((member) => member.id === ticket.assigneeId);
    onChange({ teamId, ...(keepsAssignee ? {} : { assigneeId: null }) });
  };
  return (
    <Select
      label={t('ticket.field.teamId')}
      description={t('ticket.teamHint', { tier: ticket.tier })}
      data={options}
      value={ticket.teamId}
      onChange={move}
      allowDeselect={false}
      disabled={busy}
      searchable
    />
  );
}

/** The team's members (and the current assignee, should they have left it), or nobody. */
function AssigneeSelect({ ticket, teams, busy, onChange }: TeamProps) {
  const { user } = useSession();
  const members = teams.find((candidate) => candidate.id === ticket.teamId)?.members ?? [];
  const assigneeName = useUserName(ticket.assigneeId);
  const options = [
    { value: NOBODY, label: t('ticket.unassigned') },
    ...members.map((member) => ({ value: member.id, label: member.name })),
  ];
  if (ticket.assigneeId && !members.some((member) => member.id === ticket.assigneeId))
    options.push({ value: ticket.assigneeId, label: assigneeName });
  const mayTakeIt = members.some((member) => member.id === user.id) && ticket.assigneeId !== user.id;
  return (
    <>
      <Select
        label={t('ticket.field.assigneeId')}
        data={options}
        value={ticket.assigneeId ?? NOBODY}
        onChange={(value) => {
          const assigneeId = value === NOBODY || !value ? null : value;
          if (assigneeId !== ticket.assigneeId) onChange({ assigneeId });
        }}
        allowDeselect={false}
        disabled={busy}
        searchable
      />
      {mayTakeIt && (
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => onChange({ assigneeId: user.id })}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('ticket.assignToMe')}
        </Button>
      )}
    </>
  );
}

function TeamAndAssignee({ ticket }: { ticket: Ticket }) {
  const { busy, change } = useSaveField(ticket);
  const teams = useQuery(servingTeamsQuery(ticket.organisationId, ticket.tier)).data ?? [];
  return (
    <>
      <TeamSelect ticket={ticket} teams={teams} busy={busy === 'team'} onChange={(c) => change('team', c)} />
      <AssigneeSelect
        ticket={ticket}
        teams={teams}
        busy={busy === 'assignee'}
        onChange={(c) => change('assignee', c)}
      />
    </>
  );
}

function Classification({ ticket }: { ticket: Ticket }) {
  const { busy, change } = useSaveField(ticket);
  const levels = LEVELS.map((level) => ({ value: level, label: levelLabel(level) }));
  return (
    <>
      <Select
        label={t('ticket.field.type')}
        data={TYPES.map((type) => ({ value: type, label: typeLabel(type) }))}
        value={ticket.type}
        onChange={(type) => type && type !== ticket.type && change('type', { type: type as Ticket['type'] })}
        allowDeselect={false}
        disabled={busy === 'type'}
      />
      <Group grow gap="sm" align="flex-start">
        <Select
          label={t('ticket.field.impact')}
          data={levels}
          value={ticket.impact}
          onChange={(impact) =>
            impact && impact !== ticket.impact && change('impact', { impact: impact as Ticket['impact'] })
          }
          allowDeselect={false}
          disabled={busy === 'impact'}
        />
        <Select
          label={t('ticket.field.urgency')}
          data={levels}
          value={ticket.urgency}
          onChange={(urgency) =>
            urgency &&
            urgency !== ticket.urgency &&
            change('urgency', { urgency: urgency as Ticket['urgency'] })
          }
          allowDeselect={false}
          disabled={busy === 'urgency'}
        />
      </Group>
      <Group gap="xs">
        <Text size="sm">{t('ticket.priorityFrom')}</Text>
        <Badge variant="outline" color={priorityColor(ticket.priority)} data-testid="priority">
          {ticket.priority}
        </Badge>
      </Group>
      <TagsInput
        label={t('ticket.field.tags')}
        description={t('ticket.tagsHint')}
        value={ticket.tags}
        onChange={(tags) => change('tags', { tags: tags.map((tag) => tag.trim().toLowerCase()) })}
        disabled={busy === 'tags'}
        maxTags={30}
        clearable
      />
    </>
  );
}

function Service({ ticket }: { ticket: Ticket }) {
  const { busy, change } = useSaveField(ticket);
  return <ServiceSelect ticket={ticket} busy={busy === 'service'} onChange={(c) => change('service', c)} />;
}

function Facts({ ticket }: { ticket: Ticket }) {
  const requester = useUserName(ticket.requesterId);
  const rows: [string, string][] = [
    [t('ticket.field.requesterId'), requester],
    [t('ticket.field.channel'), channelLabel(ticket.channel)],
    [t('common.created'), formatDateTime(ticket.createdAt)],
    [t('ticket.updated'), formatDateTime(ticket.updatedAt)],
  ];
  return (
    <Stack gap={4} component="dl" m={0}>
      {rows.map(([label, value]) => (
        <Group key={label} gap="xs" wrap="nowrap" align="baseline">
          <Text component="dt" size="sm" c="dimmed" w={110}>
            {label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** The ticket's properties; the priority follows from impact × urgency (the server's matrix). */
export function PropertiesPanel({ ticket }: { ticket: Ticket }) {
  const closed = ticket.status === 'closed';
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="properties-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="properties-heading">
          {t('ticket.properties')}
        </Title>
        <fieldset disabled={closed} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="sm">
            <Classification ticket={ticket} />
            <TeamAndAssignee ticket={ticket} />
            <Service ticket={ticket} />
          </Stack>
        </fieldset>
        <Facts ticket={ticket} />
      </Stack>
    </Paper>
  );
}
