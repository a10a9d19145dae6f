import {
  ActionIcon,
  Badge,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AnchorLink } from '../../app/links';
import { t } from '../../i18n/t';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { type ChangeCalendar, calendarQuery } from './api';
import classes from './CalendarPage.module.css';
import { ChangeStateBadge } from './ChangeBadges';
import { daysTouched, monthGrid } from './month';

type Item = ChangeCalendar['items'][number];
const monthName = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
const weekdayName = new Intl.DateTimeFormat(undefined, { weekday: 'short' });

function WindowBadge({ item }: { item: Item }) {
  if (!item.window.required) return null;
  return item.window.inside ? (
    <Badge size="sm" variant="light" color="tend">
      {t('changes.calendar.inWindow')}
    </Badge>
  ) : (
    <Badge size="sm" variant="light" color="red">
      {t('changes.calendar.outsideWindow')}
    </Badge>
  );
}

function MonthView({
  year,
  month,
  items,
  conflicted,
}: {
  year: number;
  month: number;
  items: Item[];
  conflicted: Set<string>;
}) {
  const byDay = new Map<string, Item[]>();
  for (const item of items)
    for (const key of daysTouched(new Date(item.plannedStart!), new Date(item.plannedEnd!)))
      byDay.set(key, [...(byDay.get(key) ?? []), item]);
  const weeks = monthGrid(year, month);
  return (
    <Table className={classes.month} withTableBorder withColumnBorders layout="fixed">
      <Table.Caption>
        {t('changes.calendar.monthCaption', { month: monthName.format(new Date(year, month, 1)) })}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {weeks[0]!.map((day) => (
            <Table.Th key={day.key} scope="col">
              {weekdayName.format(day.date)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {weeks.map((week) => (
          <Table.Tr key={week[0]!.key}>
            {week.map((day) => (
              <Table.Td key={day.key} className={classes.day} data-outside={!day.inMonth || undefined}>
                <Text size="xs" c="dimmed">
                  {day.date.getDate()}
                </Text>
                <Stack gap={2}>
                  {(byDay.get(day.key) ?? []).map((item) => (
                    <AnchorLink
                      key={item.id}
                      to="/changes/$ref"
                      params={{ ref: item.number }}
                      size="xs"
                      className={classes.entry}
                      data-conflict={conflicted.has(item.id) || undefined}
                    >
                      {item.number}
                      {conflicted.has(item.id) ? ` ⚠ ${t('changes.calendar.conflictShort')}` : ''}
                    </AnchorLink>
                  ))}
                </Stack>
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ListView({ data, conflicted }: { data: ChangeCalendar; conflicted: Set<string> }) {
  return (
    <Stack
      component="ul"
      gap="xs"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={t('changes.calendar.listLabel')}
    >
      {data.items.map((item) => (
        <Paper component="li" withBorder radius="md" p="sm" key={item.id}>
          <Group justify="space-between">
            <AnchorLink to="/changes/$ref" params={{ ref: item.number }} fw={500}>
              {item.number} · {item.title}
            </AnchorLink>
            <Group gap="xs">
              <ChangeStateBadge state={item.state} />
              <WindowBadge item={item} />
              {conflicted.has(item.id) && (
                <Badge size="sm" color="red" variant="light">
                  {t('changes.calendar.conflict')}
                </Badge>
              )}
            </Group>
          </Group>
          <Text size="sm" c="dimmed">
            {formatDateTime(item.plannedStart)} – {formatDateTime(item.plannedEnd)}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

/** Every pair of changes that overlap on a service, whichever view is shown. */
function Conflicts({ data }: { data: ChangeCalendar }) {
  if (data.conflicts.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" mt="md" component="section" aria-labelledby="conflicts-title">
      <Title order={2} size="h4" id="conflicts-title">
        {t('changes.conflicts.title')}
      </Title>
      <Stack component="ul" gap={4} p={0} m={0} mt="xs" style={{ listStyle: 'none' }}>
        {data.conflicts.map((conflict) => (
          <Text component="li" size="sm" key={conflict.changeIds.join()}>
            {t('changes.calendar.conflictItem', {
              a: conflict.numbers[0] ?? '',
              b: conflict.numbers[1] ?? '',
              start: formatDateTime(conflict.overlapStart),
              end: formatDateTime(conflict.overlapEnd),
            })}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

/** Changes planned in a month: a month grid or a list, conflicts and window checks visible. */
export function CalendarPage() {
  const today = new Date();
  const [cursor, setCursor] = useState({ year: today.getFullYear(), month: today.getMonth() });
  const [view, setView] = useState<'month' | 'list'>('month');
  const from = new Date(cursor.year, cursor.month, 1).toISOString();
  const until = new Date(cursor.year, cursor.month + 1, 1).toISOString();
  const query = useQuery(calendarQuery(from, until));
  const shift = (by: number) => {
    const next = new Date(cursor.year, cursor.month + by, 1);
    setCursor({ year: next.getFullYear(), month: next.getMonth() });
  };
  const conflicted = new Set((query.data?.conflicts ?? []).flatMap((conflict) => conflict.changeIds));
  return (
    <>
      <PageHeader title={t('changes.calendar.title')} description={t('changes.calendar.description')} />
      <Group justify="space-between" mb="md">
        <Group gap="xs">
          <ActionIcon variant="default" onClick={() => shift(-1)} aria-label={t('changes.calendar.previous')}>
            <IconChevronLeft size={16} aria-hidden />
          </ActionIcon>
          <Text fw={600} aria-live="polite">
            {monthName.format(new Date(cursor.year, cursor.month, 1))}
          </Text>
          <ActionIcon variant="default" onClick={() => shift(1)} aria-label={t('changes.calendar.next')}>
            <IconChevronRight size={16} aria-hidden />
          </ActionIcon>
        </Group>
        <SegmentedControl
          aria-label={t('changes.calendar.view')}
          value={view}
          onChange={(value) => setView(value as 'month' | 'list')}
          data={[
            { value: 'month', label: t('changes.calendar.monthView') },
            { value: 'list', label: t('changes.calendar.listView') },
          ]}
        />
      </Group>
      {query.isPending && <TableSkeleton />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => query.refetch()} />}
      {query.data && query.data.items.length === 0 && <EmptyState title={t('changes.calendar.empty')} />}
      {query.data && query.data.items.length > 0 && (
        <>
          {query.data.truncated && <Text size="sm">{t('changes.calendar.truncated')}</Text>}
          {view === 'month' ? (
            <MonthView
              year={cursor.year}
              month={cursor.month}
              items={query.data.items}
              conflicted={conflicted}
            />
          ) : (
            <ListView data={query.data} conflicted={conflicted} />
          )}
          <Conflicts data={query.data} />
          <VisuallyHidden aria-live="polite">
            {t('changes.calendar.summary', {
              count: query.data.items.length,
              conflicts: query.data.conflicts.length,
            })}
          </VisuallyHidden>
        </>
      )}
    </>
  );
}
