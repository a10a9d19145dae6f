import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Tier, tiers } from '../../../../contracts/common.js';
import type { Ticket } from '../../../../contracts/tickets.js';
import { ApiError } from '../../../app/api';
import { t } from '../../../i18n/t';
import { FormError } from '../../../ui/FormError';
import { applyServerErrors, requiredText } from '../../../ui/serverErrors';
import { ticketApi, useStoreTicket } from './api';
import { servingTeamsQuery } from './directory';

export type Direction = 'up' | 'down';

type Props = { ticket: Ticket; ticketRef: string; direction: Direction | null; onClose: () => void };
type Values = { reason: string; tier: string; teamId: string };

const DEFAULT_TEAM = 'default';

/** The tiers a move may go to: above the ticket's for an escalation, below it for a de-escalation. */
function targetTiers(current: Tier, direction: Direction): Tier[] {
  const rank = tiers.indexOf(current);
  return direction === 'up' ? tiers.slice(rank + 1) : tiers.slice(0, rank).reverse();
}

/** The server's refusals in words; "no team of that tier" names the tier and what to do. */
function problemOf(error: unknown): string | null {
  if (error instanceof ApiError && error.code === 'tickets.no_team_for_tier') {
    return t('ticket.escalate.noTeam', { tier: String(error.details.tier ?? '') });
  }
  return null;
}

/** Send the move; refusals land on the form's fields or above it, in words. */
function useEscalation(ticketRef: string, direction: Direction, onClose: () => void) {
  const store = useStoreTicket(ticketRef);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const run = async (form: { setFieldError: (path: string, error: string) => void; values: Values }) => {
    const { reason, tier, teamId } = form.values;
    setBusy(true);
    setMessage(null);
    try {
      const body = { reason: reason.trim(), tier, ...(teamId !== DEFAULT_TEAM ? { teamId } : {}) };
      await store(await ticketApi.escalate(ticketRef, direction, body));
      const done = direction === 'up' ? 'ticket.escalate.done' : 'ticket.escalate.doneDown';
      notifications.show({ color: 'tend', message: t(done, { tier }) });
      onClose();
    } catch (error) {
      setMessage(problemOf(error) ?? applyServerErrors(form, error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, message, run };
}

/** Active teams of the chosen tier serving the organisation, after "the default team". */
function useTeamOptions(organisationId: string, tier: Tier) {
  const teams = useQuery(servingTeamsQuery(organisationId, tier));
  return [
    { value: DEFAULT_TEAM, label: t('ticket.escalate.defaultTeam') },
    ...(teams.data ?? []).filter((team) => team.active).map((team) => ({ value: team.id, label: team.name })),
  ];
}

function EscalateForm({ ticket, ticketRef, direction, onClose }: Props & { direction: Direction }) {
  const options = targetTiers(ticket.tier, direction);
  const form = useForm<Values>({
    initialValues: { reason: '', tier: options[0] ?? ticket.tier, teamId: DEFAULT_TEAM },
    validate: { reason: requiredText },
  });
  const teamOptions = useTeamOptions(ticket.organisationId, form.values.tier as Tier);
  const { busy, message, run } = useEscalation(ticketRef, direction, onClose);
  const submit = form.onSubmit(() => run(form));
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {t(direction === 'up' ? 'ticket.escalate.intro' : 'ticket.escalate.introDown', {
            tier: ticket.tier,
          })}
        </Text>
        <FormError message={message} />
        <Textarea
          label={t('ticket.escalate.reason')}
          description={t('ticket.escalate.reasonHint')}
          required
          data-autofocus
          autosize
          minRows={3}
          maxLength={2000}
          {...form.getInputProps('reason')}
        />
        <Select
          label={t('ticket.escalate.tier')}
          data={options.map((tier) => ({ value: tier, label: t(`teams.tier.${tier}`) }))}
          allowDeselect={false}
          {...form.getInputProps('tier')}
          onChange={(value) => {
            form.setFieldValue('tier', value ?? options[0] ?? ticket.tier);
            form.setFieldValue('teamId', DEFAULT_TEAM);
          }}
        />
        <Select
          label={t('ticket.escalate.team')}
          description={t('ticket.escalate.teamHint')}
          data={teamOptions}
          allowDeselect={false}
          {...form.getInputProps('teamId')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {direction === 'up' ? t('ticket.escalate.submit') : t('ticket.escalate.submitDown')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Escalate or de-escalate, always with a reason (it goes into the history and the audit log). */
export function EscalateModal(props: Props) {
  const { direction, onClose } = props;
  return (
    <Modal
      opened={direction !== null}
      onClose={onClose}
      title={direction === 'down' ? t('ticket.escalate.titleDown') : t('ticket.escalate.title')}
      size="lg"
    >
      {direction && <EscalateForm {...props} direction={direction} />}
    </Modal>
  );
}
