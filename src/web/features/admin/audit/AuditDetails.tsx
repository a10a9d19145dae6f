import { Code, Stack, Table, Text } from '@mantine/core';
import type { AuditEntry } from '../../../../contracts/audit.js';
import { t } from '../../../i18n/t';
import classes from './AuditDetails.module.css';
import { diffRows, displayValue } from './diff';

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

/** Before and after, field by field, changed fields marked. */
export function AuditDetails({ entry }: { entry: AuditEntry }) {
  const rows = diffRows(entry.before, entry.after);
  return (
    <Stack gap="xs" p="sm">
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('audit.noChanges')}
        </Text>
      ) : (
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
              <Table.Tr key={row.field} data-changed={row.changed || undefined}>
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
      )}
      {entry.requestId && (
        <Text size="xs" c="dimmed">
          {t('audit.requestId', { id: entry.requestId })}
        </Text>
      )}
    </Stack>
  );
}
