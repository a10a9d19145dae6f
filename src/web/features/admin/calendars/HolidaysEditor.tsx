import { Badge, Button, CloseButton, FileButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconCalendarPlus, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { t } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { useImportHolidays } from './api';

type Props = {
  calendarId: string;
  holidays: string[];
  error?: string;
  /** Unsaved edits would be lost when an import reloads the calendar. */
  dirty: boolean;
  onChange: (holidays: string[]) => void;
};

/** A local date (YYYY-MM-DD) shown in words, without a time zone shifting it a day. */
const dateLabel = (date: string) => formatDate(`${date}T12:00:00Z`, date);

function ImportButton({ calendarId, disabled }: { calendarId: string; disabled: boolean }) {
  const importing = useImportHolidays(calendarId);
  const upload = (file: File | null) => {
    if (!file) return;
    importing.mutate(file);
  };
  return (
    <Stack gap={4}>
      <FileButton onChange={upload} accept=".ics,text/calendar" disabled={disabled}>
        {(props) => (
          <Button
            {...props}
            variant="default"
            leftSection={<IconUpload size={16} />}
            loading={importing.isPending}
            disabled={disabled}
          >
            {t('calendars.importIcs')}
          </Button>
        )}
      </FileButton>
      {disabled && (
        <Text size="xs" c="dimmed">
          {t('calendars.importSaveFirst')}
        </Text>
      )}
      {importing.error ? <ErrorAlert error={importing.error} /> : null}
    </Stack>
  );
}

/** Dates closed all day in the calendar's zone: add by hand, remove, or import an .ics feed. */
export function HolidaysEditor({ calendarId, holidays, error, dirty, onChange }: Props) {
  const [date, setDate] = useState('');
  const add = () => {
    if (!date || holidays.includes(date)) return;
    onChange([...holidays, date].sort());
    setDate('');
  };
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm">
        <TextInput
          type="date"
          label={t('calendars.holidayDate')}
          value={date}
          onChange={(event) => setDate(event.currentTarget.value)}
          w={{ base: '100%', xs: 180 }}
        />
        <Button variant="default" leftSection={<IconCalendarPlus size={16} />} onClick={add} disabled={!date}>
          {t('calendars.addHoliday')}
        </Button>
        <ImportButton calendarId={calendarId} disabled={dirty} />
      </Group>
      {error && (
        <Text size="xs" c="var(--mantine-color-error)">
          {error}
        </Text>
      )}
      {holidays.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('calendars.noHolidays')}
        </Text>
      ) : (
        <Group
          gap={6}
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('calendars.holidays')}
        >
          {holidays.map((holiday) => (
            <Badge
              component="li"
              key={holiday}
              variant="outline"
              color="gray"
              tt="none"
              size="lg"
              rightSection={
                <CloseButton
                  size="xs"
                  onClick={() => onChange(holidays.filter((day) => day !== holiday))}
                  aria-label={t('calendars.removeHoliday', { date: dateLabel(holiday) })}
                />
              }
            >
              <time dateTime={holiday}>{dateLabel(holiday)}</time>
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}
