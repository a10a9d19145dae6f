import { Badge, Button, Paper, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Calendar } from '../../../../contracts/sla.js';
import { AnchorLink } from '../../../app/links';
import { t } from '../../../i18n/t';
import { EmptyState } from '../../../ui/EmptyState';
import { FilterBar, SearchField } from '../../../ui/filters';
import { formatDateTime } from '../../../ui/format';
import { ListContent } from '../../../ui/lists';
import { PageHeader } from '../../../ui/PageHeader';
import { useCalendarList } from './api';
import { summariseHours } from './hours';
import { NewCalendarModal } from './NewCalendarModal';

function CalendarRow({ calendar }: { calendar: Calendar }) {
  return (
    <Table.Tr>
      <Table.Td>
        <AnchorLink to="/admin/calendars/$id" params={{ id: calendar.id }} fw={500} size="sm">
          {calendar.name}
        </AnchorLink>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{calendar.timezone}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{summariseHours(calendar.hours)}</Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color="gray">
          {t('calendars.holidayCount', { count: calendar.holidays.length })}
        </Badge>
      </Table.Td>
      <Table.Td>{formatDateTime(calendar.updatedAt)}</Table.Td>
    </Table.Tr>
  );
}

/** Business calendars: when the SLA clock runs (zone, weekly hours, holidays). */
export function BusinessCalendarsPage() {
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const list = useCalendarList({ q });
  return (
    <>
      <PageHeader
        title={t('calendars.title')}
        description={t('calendars.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('calendars.new')}
          </Button>
        }
      />
      <FilterBar>
        <SearchField
          label={t('common.search')}
          placeholder={t('calendars.searchPlaceholder')}
          onSearch={setQ}
        />
      </FilterBar>
      <ListContent
        list={list}
        empty={<EmptyState title={t('calendars.empty')} hint={t('calendars.emptyHint')} />}
      >
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label={t('calendars.table')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('common.name')}</Table.Th>
                  <Table.Th>{t('calendars.timezone')}</Table.Th>
                  <Table.Th>{t('calendars.hours')}</Table.Th>
                  <Table.Th>{t('calendars.holidays')}</Table.Th>
                  <Table.Th>{t('calendars.updated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((calendar) => (
                  <CalendarRow key={calendar.id} calendar={calendar} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </ListContent>
      <NewCalendarModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
