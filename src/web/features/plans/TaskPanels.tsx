import {
  Button,
  Checkbox,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import type { Task } from '../../../contracts/plans.js';
import { TIME_ACTIVITIES } from '../../../contracts/ticket-time-entries.js';
import { t, tMaybe } from '../../i18n/t';
import { errorMessage } from '../../ui/errors';
import { FormError } from '../../ui/FormError';
import { formatDateTime } from '../../ui/format';
import { plansApi, taskHistoryQuery, taskKeys, taskTimeQuery, useStoreTask } from './api';

export function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

type PanelProps = { task: Task; canWork: boolean; person: (id: string | null) => string };

/** The task's checklist: tick items (who and when are kept); required ones block "done". */
export function ChecklistPanel({ task, canWork, person }: PanelProps) {
  const store = useStoreTask();
  const [error, setError] = useState<string | null>(null);
  const toggle = async (itemId: number, done: boolean) => {
    setError(null);
    try {
      store(await plansApi.tick(task.number, itemId, done));
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <Panel title={t('plans.task.checklist')}>
      <FormError message={error} />
      {task.checklist.length === 0 && <Text size="sm">{t('plans.task.noChecklist')}</Text>}
      {task.checklist.map((item) => (
        <Checkbox
          key={item.id}
          checked={item.done}
          disabled={!canWork}
          onChange={(event) => void toggle(item.id, event.currentTarget.checked)}
          label={item.required ? t('plans.task.requiredItem', { text: item.text }) : item.text}
          description={
            item.done && item.doneAt
              ? t('plans.task.doneBy', { who: person(item.doneBy), when: formatDateTime(item.doneAt) })
              : undefined
          }
        />
      ))}
    </Panel>
  );
}

/** What was found and done; saved with If-Match so nobody's notes are overwritten unseen. */
export function OutcomePanel({ task, canWork }: Omit<PanelProps, 'person'>) {
  const store = useStoreTask();
  const [text, setText] = useState(task.outcome);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      store(await plansApi.updateTask(task.number, task.version, { outcome: text }));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title={t('plans.task.outcome')}>
      <FormError message={error} />
      <Textarea
        label={t('plans.task.outcome')}
        autosize
        minRows={3}
        value={text}
        readOnly={!canWork}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      {canWork && (
        <Group justify="flex-end">
          <Button onClick={() => void save()} loading={busy} disabled={text === task.outcome}>
            {t('common.save')}
          </Button>
        </Group>
      )}
    </Panel>
  );
}

function TimeForm({ task }: { task: Task }) {
  const queryClient = useQueryClient();
  const [minutes, setMinutes] = useState<number | string>(30);
  const [activity, setActivity] = useState('testing');
  const [billable, setBillable] = useState(true);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      await plansApi.logTime(task.number, { minutes: Number(minutes), activity, billable, note });
      setNote('');
      void queryClient.invalidateQueries({ queryKey: taskKeys.one(task.number) });
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack gap="xs">
        <FormError message={error} />
        <Group grow align="flex-end">
          <NumberInput
            label={t('plans.time.minutes')}
            min={1}
            max={1440}
            allowDecimal={false}
            value={minutes}
            onChange={setMinutes}
          />
          <Select
            label={t('plans.time.activity')}
            data={TIME_ACTIVITIES.map((value) => ({
              value,
              label: tMaybe(`plans.activity.${value}`) ?? value,
            }))}
            value={activity}
            allowDeselect={false}
            onChange={(value) => setActivity(value ?? 'other')}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        <TextInput
          label={t('plans.time.note')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <Group justify="space-between">
          <Switch
            label={t('plans.time.billable')}
            checked={billable}
            onChange={(event) => setBillable(event.currentTarget.checked)}
          />
          <Button type="submit" variant="default">
            {t('plans.time.log')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Time spent on the task, with totals; staff log more. */
export function TimePanel({ task, canWork, person }: PanelProps) {
  const time = useQuery(taskTimeQuery(task.number));
  return (
    <Panel title={t('plans.time.title')}>
      {time.data && (
        <Text size="sm">
          {t('plans.time.totals', { total: time.data.totalMinutes, billable: time.data.billableMinutes })}
        </Text>
      )}
      {time.data && time.data.items.length > 0 && (
        <List size="sm" spacing={2}>
          {time.data.items.map((entry) => (
            <List.Item key={entry.id}>
              {t('plans.time.entry', {
                minutes: entry.minutes,
                who: person(entry.userId),
                day: entry.spentOn,
                activity: tMaybe(`plans.activity.${entry.activity}`) ?? entry.activity,
              })}
              {entry.note ? ` — ${entry.note}` : ''}
            </List.Item>
          ))}
        </List>
      )}
      {canWork && <TimeForm task={task} />}
    </Panel>
  );
}

/** What happened to the task, oldest first. */
export function HistoryPanel({ task, person }: Omit<PanelProps, 'canWork'>) {
  const history = useQuery(taskHistoryQuery(task.number));
  return (
    <Panel title={t('plans.task.history')}>
      <List size="sm" spacing={2}>
        {(history.data?.items ?? []).map((entry) => (
          <List.Item key={entry.id}>
            {formatDateTime(entry.at)} · {tMaybe(`plans.history.${entry.kind}`) ?? entry.kind}
            {entry.actorId ? ` · ${person(entry.actorId)}` : ''}
            {entry.kind === 'state' && typeof entry.data.to === 'string'
              ? ` → ${tMaybe(`plans.state.${entry.data.to}`) ?? entry.data.to}`
              : ''}
          </List.Item>
        ))}
      </List>
    </Panel>
  );
}
