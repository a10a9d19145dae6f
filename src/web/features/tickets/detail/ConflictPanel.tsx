import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconGitCompare } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { Ticket } from '../../../../contracts/tickets.js';
import { t } from '../../../i18n/t';
import { type Conflict, useTicketEditing } from './edit';
import { FieldValue, fieldLabel } from './FieldValue';

const COMPARED: (keyof Ticket)[] = [
  'subject',
  'description',
  'status',
  'type',
  'impact',
  'urgency',
  'priority',
  'tier',
  'teamId',
  'assigneeId',
  'tags',
  'serviceId',
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Fields the other person changed that this edit did not touch (they stay as they are in both choices). */
function alsoChanged({ base, mine, theirs }: Conflict): (keyof Ticket)[] {
  return COMPARED.filter((field) => !(field in mine) && !same(base[field], theirs[field]));
}

function MineVersusTheirs({ conflict }: { conflict: Conflict }) {
  const fields = Object.keys(conflict.mine) as (keyof Ticket)[];
  return (
    <Table withTableBorder layout="fixed" aria-label={t('ticket.conflict.table')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('ticket.conflict.field')}</Table.Th>
          <Table.Th scope="col">{t('ticket.conflict.mine')}</Table.Th>
          <Table.Th scope="col">{t('ticket.conflict.theirs')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map((field) => (
          <Table.Tr key={field}>
            <Table.Th scope="row">{fieldLabel(field)}</Table.Th>
            <Table.Td>
              <FieldValue field={field} value={conflict.mine[field as keyof typeof conflict.mine]} />
            </Table.Td>
            <Table.Td>
              <FieldValue field={field} value={conflict.theirs[field]} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Shown when an edit met a newer version of the ticket (412): what I tried, what is there now, and
 * the two ways out. Nothing is overwritten until the person chooses.
 */
export function ConflictPanel() {
  const { conflict, keepMine, takeTheirs } = useTicketEditing();
  const [saving, setSaving] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (conflict) heading.current?.focus();
  }, [conflict]);
  if (!conflict) return null;
  const others = alsoChanged(conflict);
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconGitCompare size={20} aria-hidden />}
      mb="md"
      data-testid="conflict-panel"
      title={
        <Text component="h2" fw={700} size="md" ref={heading} tabIndex={-1}>
          {t('ticket.conflict.title')}
        </Text>
      }
    >
      <Stack gap="sm">
        <Text size="sm">{t('ticket.conflict.text', { version: conflict.theirs.version })}</Text>
        <MineVersusTheirs conflict={conflict} />
        {others.length > 0 && (
          <Text size="sm">
            {t('ticket.conflict.alsoChanged', { fields: others.map(fieldLabel).join(', ') })}
          </Text>
        )}
        <Group>
          <Button
            loading={saving}
            onClick={async () => {
              setSaving(true);
              await keepMine();
              setSaving(false);
            }}
          >
            {t('ticket.conflict.keepMine')}
          </Button>
          <Button variant="default" onClick={takeTheirs}>
            {t('ticket.conflict.takeTheirs')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
