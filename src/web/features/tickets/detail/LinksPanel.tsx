import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconGitMerge, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TicketLink } from '../../../../contracts/ticket-links.js';
import type { Ticket } from '../../../../contracts/tickets.js';
import { AnchorLink } from '../../../app/links';
import { t } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { errorMessage } from '../../../ui/errors';
import { FormError } from '../../../ui/FormError';
import { applyServerErrors, requiredText } from '../../../ui/serverErrors';
import { linksQuery, ticketApi, useRefreshTicket } from './api';
import { relationLabel, statusLabel } from './labels';
import { MergeModal } from './MergeModal';

const NEW_KINDS = ['related', 'duplicate_of', 'parent_of', 'child_of', 'caused_by'] as const;

function AddLink({ ticketRef, disabled }: { ticketRef: string; disabled: boolean }) {
  const refresh = useRefreshTicket(ticketRef);
  const form = useForm({
    initialValues: { kind: 'related', ticket: '' },
    validate: { ticket: requiredText },
  });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setMessage(null);
    try {
      const link = await ticketApi.addLink(ticketRef, values.kind, values.ticket.trim());
      notifications.show({ color: 'tend', message: t('ticket.links.added', { number: link.ticket.number }) });
      form.reset();
      void refresh();
    } catch (error) {
      setMessage(applyServerErrors(form, error));
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label={t('ticket.links.addTitle')}>
      <Stack gap="xs">
        <FormError message={message} />
        <Group align="flex-end" gap="sm">
          <Select
            label={t('ticket.links.kind')}
            data={NEW_KINDS.map((kind) => ({ value: kind, label: relationLabel(kind) }))}
            allowDeselect={false}
            w={200}
            disabled={disabled}
            {...form.getInputProps('kind')}
          />
          <TextInput
            label={t('ticket.links.ticket')}
            placeholder="T-10234"
            w={160}
            disabled={disabled}
            {...form.getInputProps('ticket')}
          />
          <Button type="submit" variant="default" loading={busy} disabled={disabled}>
            {t('ticket.links.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function LinkRow({ link, ticketRef }: { link: TicketLink; ticketRef: string }) {
  const refresh = useRefreshTicket(ticketRef);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await ticketApi.removeLink(ticketRef, link.id);
      notifications.show({
        color: 'tend',
        message: t('ticket.links.removed', { number: link.ticket.number }),
      });
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('ticket.links.removeFailed'),
        message: errorMessage(error),
      });
    } finally {
      setBusy(false);
      void refresh();
    }
  };
  return (
    <Table.Tr>
      <Table.Td>{relationLabel(link.relation)}</Table.Td>
      <Table.Td>
        <AnchorLink to="/tickets/$ref" params={{ ref: link.ticket.number }}>
          {link.ticket.number}
        </AnchorLink>{' '}
        <Text span size="sm">
          {link.ticket.subject}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color="gray">
          {statusLabel(link.ticket.status)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('ticket.links.remove', { number: link.ticket.number })}
          onClick={remove}
          loading={busy}
        >
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}

/** Links to other tickets (both directions, read from this ticket), adding and removing them, and merge. */
export function LinksPanel({ ticket, ticketRef }: { ticket: Ticket; ticketRef: string }) {
  const links = useQuery(linksQuery(ticketRef));
  const [merging, setMerging] = useState(false);
  const closed = ticket.status === 'closed';
  return (
    <Stack gap="md">
      {links.isError && <ErrorAlert error={links.error} onRetry={() => links.refetch()} />}
      {(links.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('ticket.links.none')}
        </Text>
      ) : (
        <Table aria-label={t('ticket.links.table')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('ticket.links.relation')}</Table.Th>
              <Table.Th>{t('ticket.links.ticket')}</Table.Th>
              <Table.Th>{t('common.status')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(links.data ?? []).map((link) => (
              <LinkRow key={link.id} link={link} ticketRef={ticketRef} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <AddLink ticketRef={ticketRef} disabled={closed} />
      <Group>
        <Button
          variant="default"
          leftSection={<IconGitMerge size={16} aria-hidden />}
          onClick={() => setMerging(true)}
          disabled={closed}
        >
          {t('ticket.merge.open')}
        </Button>
      </Group>
      <MergeModal ticket={ticket} ticketRef={ticketRef} opened={merging} onClose={() => setMerging(false)} />
    </Stack>
  );
}
