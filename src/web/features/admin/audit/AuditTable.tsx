import { ActionIcon, Code, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import type { AuditEntry } from '../../../../contracts/audit.js';
import { t } from '../../../i18n/t';
import { formatDateTime } from '../../../ui/format';
import { AuditDetails } from './AuditDetails';

type Props = { entries: AuditEntry[] };

/** The server names the actor (the user, also behind a token); the id is the fallback. */
function actorLabel(entry: AuditEntry): string {
  if (entry.actorType === 'system') return t('audit.actor.system');
  const name = entry.actorName ?? undefined;
  if (entry.actorType === 'token')
    return name ? `${name} (${t('audit.actor.token')})` : t('audit.actor.token');
  return name ?? entry.actorId ?? t('common.unknown');
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const [open, setOpen] = useState(false);
  const detailsId = `audit-details-${entry.id}`;
  const label = t(open ? 'audit.hideDetails' : 'audit.showDetails', { id: entry.action });
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td w={44}>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => setOpen((value) => !value)}
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={label}
          >
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(entry.at)}
          </Text>
        </Table.Td>
        <Table.Td>{actorLabel(entry)}</Table.Td>
        <Table.Td>
          <Code>{entry.action}</Code>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{entry.entityType}</Text>
          {entry.entityId && (
            <Text size="xs" c="dimmed" ff="monospace">
              {entry.entityId}
            </Text>
          )}
        </Table.Td>
      </Table.Tr>
      <Table.Tr id={detailsId} hidden={!open}>
        <Table.Td colSpan={5} p={0}>
          {open && <AuditDetails entry={entry} />}
        </Table.Td>
      </Table.Tr>
    </Fragment>
  );
}

export function AuditTable({ entries }: Props) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={760}>
        <Table aria-label={t('audit.table')} highlightOnHover={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <VisuallyHidden>{t('audit.details')}</VisuallyHidden>
              </Table.Th>
              <Table.Th>{t('audit.at')}</Table.Th>
              <Table.Th>{t('audit.actor')}</Table.Th>
              <Table.Th>{t('audit.action')}</Table.Th>
              <Table.Th>{t('audit.entity')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <AuditRow key={entry.id} entry={entry} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
