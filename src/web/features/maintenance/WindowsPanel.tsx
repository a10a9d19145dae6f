import { ActionIcon, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { MaintenanceWindow } from '../../../contracts/maintenance-windows.js';
import type { ServiceDetail } from '../../../contracts/services.js';
import { t } from '../../i18n/t';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { serviceWindowsQuery, useDeleteWindow } from './api';
import { durationLabel } from './labels';
import { WindowFormModal } from './WindowFormModal';

type Props = { service: ServiceDetail; manage: boolean };

function WindowRow(props: {
  window: MaintenanceWindow;
  environment: string;
  manage: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { window, environment, manage, onEdit, onDelete } = props;
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {window.title}
        </Text>
        {window.exdates.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('windows.skipping', { dates: window.exdates.join(', ') })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{environment}</Table.Td>
      <Table.Td>{window.rrule ? <Code>{window.rrule}</Code> : t('windows.once')}</Table.Td>
      <Table.Td>
        {window.dtstart.replace('T', ' ').slice(0, 16)}
        <Text size="xs" c="dimmed">
          {window.timezone}
        </Text>
      </Table.Td>
      <Table.Td>{durationLabel(window.durationMinutes)}</Table.Td>
      {manage && (
        <Table.Td>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              aria-label={t('windows.editNamed', { title: window.title })}
              onClick={onEdit}
            >
              <IconPencil size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red.9"
              aria-label={t('windows.deleteNamed', { title: window.title })}
              onClick={onDelete}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** The service's maintenance windows, with their rules as written. */
export function WindowsPanel({ service, manage }: Props) {
  const windows = useQuery(serviceWindowsQuery(service.id));
  const [editing, setEditing] = useState<MaintenanceWindow | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<MaintenanceWindow | null>(null);
  const remove = useDeleteWindow();
  const environmentName = (id: string | null) =>
    id
      ? (service.environments.find((environment) => environment.id === id)?.name ?? '')
      : t('services.everyEnvironment');
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('windows.ofService')}
          </Title>
          {manage && (
            <Button
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => setEditing(null)}
            >
              {t('windows.new')}
            </Button>
          )}
        </Group>
        {windows.isPending ? (
          <TableSkeleton rows={2} />
        ) : windows.isError ? (
          <ErrorAlert error={windows.error} onRetry={() => windows.refetch()} />
        ) : windows.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('windows.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={680}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('windows.titleLabel')}</Table.Th>
                  <Table.Th scope="col">{t('windows.environment')}</Table.Th>
                  <Table.Th scope="col">{t('windows.schedule')}</Table.Th>
                  <Table.Th scope="col">{t('windows.firstStart')}</Table.Th>
                  <Table.Th scope="col">{t('windows.durationLabel')}</Table.Th>
                  {manage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {windows.data.map((window) => (
                  <WindowRow
                    key={window.id}
                    window={window}
                    environment={environmentName(window.environmentId)}
                    manage={manage}
                    onEdit={() => setEditing(window)}
                    onDelete={() => setDeleting(window)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <WindowFormModal
        opened={editing !== undefined}
        service={service}
        window={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
      <ConfirmModal
        opened={deleting !== null}
        title={t('windows.deleteTitle')}
        text={t('windows.deleteText', { title: deleting?.title ?? '' })}
        confirmLabel={t('windows.delete')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        onClose={() => setDeleting(null)}
      />
    </Paper>
  );
}
