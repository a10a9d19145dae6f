import { ActionIcon, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { WEEKDAYS, type Weekday } from '../../../../core/calendar/types.js';
import { t } from '../../../i18n/t';
import { dayLabel } from './hours';

export type EditableHours = Record<Weekday, [string, string][]>;

type Props = {
  hours: EditableHours;
  errors: Partial<Record<Weekday, string>>;
  onChange: (hours: EditableHours) => void;
};

const NEW_INTERVAL: [string, string] = ['09:00', '17:00'];

function DayRow({
  day,
  intervals,
  error,
  onChange,
}: {
  day: Weekday;
  intervals: [string, string][];
  error?: string;
  onChange: (intervals: [string, string][]) => void;
}) {
  const name = dayLabel(day);
  const set = (index: number, edge: 0 | 1, value: string) =>
    onChange(
      intervals.map((interval, at) =>
        at === index ? (edge === 0 ? [value, interval[1]] : [interval[0], value]) : interval,
      ),
    );
  return (
    <Table.Tr>
      <Table.Th scope="row" w={120} style={{ verticalAlign: 'top', paddingTop: 14 }}>
        {name}
      </Table.Th>
      <Table.Td>
        <Stack gap={6}>
          {intervals.length === 0 && (
            <Text size="sm" c="dimmed" pt={6}>
              {t('calendars.closed')}
            </Text>
          )}
          {intervals.map(([open, close], index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity but their place
            <Group key={index} gap="xs" wrap="nowrap">
              <TextInput
                aria-label={t('calendars.opensAt', { day: name, number: index + 1 })}
                value={open}
                onChange={(event) => set(index, 0, event.currentTarget.value)}
                placeholder="09:00"
                w={90}
                error={Boolean(error)}
              />
              <Text size="sm" aria-hidden>
                –
              </Text>
              <TextInput
                aria-label={t('calendars.closesAt', { day: name, number: index + 1 })}
                value={close}
                onChange={(event) => set(index, 1, event.currentTarget.value)}
                placeholder="17:00"
                w={90}
                error={Boolean(error)}
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={() => onChange(intervals.filter((_, at) => at !== index))}
                aria-label={t('calendars.removeInterval', { day: name, number: index + 1 })}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          {error && (
            <Text size="xs" c="var(--mantine-color-error)">
              {error}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td w={150} style={{ verticalAlign: 'top' }}>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...intervals, intervals.length === 0 ? NEW_INTERVAL : ['18:00', '20:00']])}
          aria-label={t('calendars.addIntervalFor', { day: name })}
        >
          {t('calendars.addInterval')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** Opening hours per weekday: any number of [open, close) intervals; "24:00" closes at midnight. */
export function WeeklyHoursEditor({ hours, errors, onChange }: Props) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label={t('calendars.hours')} highlightOnHover={false}>
          <Table.Tbody>
            {WEEKDAYS.map((day) => (
              <DayRow
                key={day}
                day={day}
                intervals={hours[day]}
                error={errors[day]}
                onChange={(intervals) => onChange({ ...hours, [day]: intervals })}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
