import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { TIME_ACTIVITIES, type TimeEntry } from '../../../../contracts/ticket-time-entries.js';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { errorMessage } from '../../../ui/errors';
import { FormError } from '../../../ui/FormError';
import { formatDate } from '../../../ui/format';
import { applyServerErrors } from '../../../ui/serverErrors';
import { ticketApi, timeEntriesQuery, useRefreshTicket } from './api';
import { useUserName } from './directory';
import { activityLabel } from './labels';
import { formatMinutes } from './slaClock';

type Values = {
  minutes: number | string;
  activity: string;
  billable: boolean;
  note: string;
  spentOn: string;
};

const today = () => new Date().toISOString().slice(0, 10);

/** The add form's state and submit: minutes 1–1440, today by default; it keeps the activity chosen. */
function useAddTimeEntry(ticketRef: string) {
  const refresh = useRefreshTicket(ticketRef);
  const form = useForm<Values>({
    initialValues: { minutes: 30, activity: 'analysis', billable: true, note: '', spentOn: today() },
    validate: {
      minutes: (value) =>
        Number(value) >= 1 && Number(value) <= 1440 ? null : t('ticket.time.minutesRange'),
    },
  });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setMessage(null);
    try {
      const minutes = Number(values.minutes);
      await ticketApi.addTimeEntry(ticketRef, { ...values, minutes, note: values.note.trim() });
      notifications.show({
        color: 'tend',
        message: t('ticket.time.added', { time: formatMinutes(minutes) }),
      });
      form.setValues({ minutes: 30, note: '' });
      void refresh();
    } catch (error) {
      setMessage(applyServerErrors(form, error));
    } finally {
      setBusy(false);
    }
  });
  return { form, busy, message, submit };
}

function AddTimeEntry({ ticketRef }: { ticketRef: string }) {
  const { form, busy, message, submit } = useAddTimeEntry(ticketRef);
  return (
    <form onSubmit={submit} noValidate aria-label={t('ticket.time.addTitle')}>
      <Stack gap="xs">
        <FormError message={message} />
        <Group align="flex-end" gap="sm">
          <NumberInput
            label={t('ticket.time.minutes')}
            min={1}
            max={1440}
            w={110}
            required
            {...form.getInputProps('minutes')}
          />
          <Select
            label={t('ticket.time.activity')}
            data={TIME_ACTIVITIES.map((activity) => ({ value: activity, label: activityLabel(activity) }))}
            allowDeselect={false}
            w={170}
            {...form.getInputProps('activity')}
          />
          <TextInput
            label={t('ticket.time.spentOn')}
            type="date"
            w={160}
            {...form.getInputProps('spentOn')}
          />
          <TextInput
            label={t('ticket.time.note')}
            style={{ flex: 1 }}
            miw={160}
            maxLength={2000}
            {...form.getInputProps('note')}
          />
        </Group>
        <Group justify="space-between">
          <Checkbox
            label={t('ticket.time.billable')}
            {...form.getInputProps('billable', { type: 'checkbox' })}
          />
          <Button type="submit" variant="default" loading={busy}>
            {t('ticket.time.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EntryRow({ entry, ticketRef }: { entry: TimeEntry; ticketRef: string }) {
  const { user } = useSession();
  const who = useUserName(entry.userId);
  const refresh = useRefreshTicket(ticketRef);
  const [busy, setBusy] = useState(false);
  const mayRemove = entry.userId === user.id || user.role === 'admin';
  const remove = async () => {
    setBusy(true);
    try {
      await ticketApi.removeTimeEntry(entry.id);
      notifications.show({ color: 'tend', message: t('ticket.time.removed') });
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('ticket.time.removeFailed'),
        message: errorMessage(error),
      });
    } finally {
      setBusy(false);
      void refresh();
    }
  };
  return (
    <Table.Tr>
      <Table.Td>{formatDate(`${entry.spentOn}T12:00:00Z`)}</Table.Td>
      <Table.Td>{who}</Table.Td>
      <Table.Td>{activityLabel(entry.activity)}</Table.Td>
      <Table.Td>{formatMinutes(entry.minutes)}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={entry.billable ? 'tend' : 'gray'}>
          {entry.billable ? t('ticket.time.billableBadge') : t('ticket.time.notBillable')}
        </Badge>
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{entry.note}</Table.Td>
      <Table.Td>
        {mayRemove && (
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('ticket.time.remove')}
            onClick={remove}
            loading={busy}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Time spent on the ticket: the entries, the totals (billable apart), and a line to add one. */
export function TimePanel({ ticketRef }: { ticketRef: string }) {
  const entries = useQuery(timeEntriesQuery(ticketRef));
  const data = entries.data;
  return (
    <Stack gap="md">
      {entries.isError && <ErrorAlert error={entries.error} onRetry={() => entries.refetch()} />}
      {data && (
        <Text size="sm" fw={600} data-testid="time-totals">
          {t('ticket.time.totals', {
            total: formatMinutes(data.totalMinutes),
            billable: formatMinutes(data.billableMinutes),
          })}
        </Text>
      )}
      {data && data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label={t('ticket.time.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ticket.time.spentOn')}</Table.Th>
                <Table.Th>{t('ticket.time.who')}</Table.Th>
                <Table.Th>{t('ticket.time.activity')}</Table.Th>
                <Table.Th>{t('ticket.time.duration')}</Table.Th>
                <Table.Th>{t('ticket.time.billable')}</Table.Th>
                <Table.Th>{t('ticket.time.note')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((entry) => (
                <EntryRow key={entry.id} entry={entry} ticketRef={ticketRef} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AddTimeEntry ticketRef={ticketRef} />
    </Stack>
  );
}
