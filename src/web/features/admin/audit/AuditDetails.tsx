import { Button, Code, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { AuditEntry } from '../../../../contracts/audit.js';
import { t } from '../../../i18n/t';
import classes from './AuditDetails.module.css';
import { type DiffRow, diffRows, displayValue } from './diff';

function Value({ value }: { value: unknown }) {
  const text = displayValue(value);
  const multiline = text.includes('\n') || text.length > 60;
  return multiline ? (
    <Code block className={classes.code}>
      {text}
    </Code>
  ) : (
    <Code>{text}</Code>
  );
}

/** A record that was created or deleted: one column of values. */
function ValuesTable({ rows, side }: { rows: DiffRow[]; side: 'before' | 'after' }) {
  return (
    <Table withTableBorder withColumnBorders highlightOnHover={false} className={classes.diff}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="25%">{t('audit.field')}</Table.Th>
          <Table.Th>{side === 'after' ? t('audit.createdWith') : t('audit.lastValues')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.field}>
            <Table.Td>
              <Text size="sm">{row.field || '—'}</Text>
            </Table.Td>
            <Table.Td>
              <Value value={row[side]} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A change: before and after side by side, changed fields first and marked. */
function ChangesTable({ rows }: { rows: DiffRow[] }) {
  return (
    <Table withTableBorder withColumnBorders highlightOnHover={false} className={classes.diff}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="20%">{t('audit.field')}</Table.Th>
          <Table.Th w="40%">{t('audit.before')}</Table.Th>
          <Table.Th w="40%">{t('audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.field}>
            <Table.Td>
              <Text size="sm" fw={row.changed ? 600 : 400}>
                {row.field || '—'}
                {row.changed && <span className={classes.marker}> · {t('audit.changed')}</span>}
              </Text>
            </Table.Td>
            <Table.Td className={row.changed ? classes.removed : undefined}>
              <Value value={row.before} />
            </Table.Td>
            <Table.Td className={row.changed ? classes.added : undefined}>
              <Value value={row.after} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Changes({ rows }: { rows: DiffRow[] }) {
  const [showAll, setShowAll] = useState(false);
  const changed = rows.filter((row) => row.changed);
  const unchanged = rows.length - changed.length;
  return (
    <>
      <ChangesTable rows={showAll ? [...changed, ...rows.filter((row) => !row.changed)] : changed} />
      {unchanged > 0 && (
        <Button variant="subtle" size="xs" w="fit-content" onClick={() => setShowAll((value) => !value)}>
          {showAll ? t('audit.hideUnchanged') : t('audit.showUnchanged', { count: unchanged })}
        </Button>
      )}
    </>
  );
}

function Body({ entry }: { entry: AuditEntry }) {
  const rows = diffRows(entry.before, entry.after);
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('audit.noChanges')}
      </Text>
    );
  if (entry.before == null) return <ValuesTable rows={rows} side="after" />;
  if (entry.after == null) return <ValuesTable rows={rows} side="before" />;
  return <Changes rows={rows} />;
}

/** What an audit entry recorded: created values, last values, or a field-by-field change. */
export function AuditDetails({ entry }: { entry: AuditEntry }) {
  return (
    <Stack gap="xs" p="sm">
      <Body entry={entry} />
      {entry.requestId && (
        <Text size="xs" c="dimmed">
          {t('audit.requestId', { id: entry.requestId })}
        </Text>
      )}
    </Stack>
  );
}
