import { List, Stack, Text, Title } from '@mantine/core';
import { t, tMaybe } from '../../../i18n/t';
import { formatDateTime } from '../../../ui/format';
import { targetLabel } from './labels';
import { formatDuration, formatMinutes } from './slaClock';
import classes from './TicketPage.module.css';
import type { SlaExplanation, SlaTargetState } from './types';

/** Wall time the clock stood still while this timer ran (from its start until met, or now). */
function pausedSeconds(explanation: SlaExplanation, timer: SlaTargetState, nowMs: number): number {
  const started = Date.parse(timer.startedAt);
  const ended = timer.metAt ? Date.parse(timer.metAt) : nowMs;
  const total = explanation.pauses.reduce((sum, pause) => {
    const from = Math.max(Date.parse(pause.from), started);
    const to = Math.min(pause.to ? Date.parse(pause.to) : nowMs, ended);
    return to > from ? sum + (to - from) / 1000 : sum;
  }, 0);
  return Math.round(total);
}

/** How the timer ended up where it is: met, due at an instant, or without a due time while paused. */
function outcome(timer: SlaTargetState): string {
  if (timer.metAt) return t('ticket.sla.why.met', { at: formatDateTime(timer.metAt) });
  if (timer.dueAt) return t('ticket.sla.why.due', { at: formatDateTime(timer.dueAt) });
  return t(timer.state === 'stopped' ? 'ticket.sla.why.stopped' : 'ticket.sla.why.noDue');
}

/** "Due … because: started …, 4 h of business time on <calendar>, paused for 1 h 10 min." */
function WhyDue({
  explanation,
  timer,
  nowMs,
}: {
  explanation: SlaExplanation;
  timer: SlaTargetState;
  nowMs: number;
}) {
  const paused = pausedSeconds(explanation, timer, nowMs);
  const parts = [
    t('ticket.sla.why.started', { at: formatDateTime(timer.startedAt) }),
    t('ticket.sla.why.target', {
      time: formatMinutes(timer.targetMinutes),
      calendar: explanation.calendar?.name ?? t('common.none'),
      timezone: explanation.calendar?.timezone ?? '',
    }),
    paused > 0 ? t('ticket.sla.why.paused', { time: formatDuration(paused) }) : t('ticket.sla.why.notPaused'),
    outcome(timer),
  ];
  return (
    <List.Item>
      <Text size="sm" fw={600} span>
        {targetLabel(timer.target)}:
      </Text>{' '}
      <Text size="sm" span>
        {parts.join(' · ')}
      </Text>
    </List.Item>
  );
}

const kindLabel = (kind: string) => tMaybe(`ticket.sla.kind.${kind}`) ?? kind;

/** Everything that moved the clocks, oldest first, each with the engine's own reason. */
function Timeline({ explanation }: { explanation: SlaExplanation }) {
  if (explanation.timeline.length === 0) return <Text size="sm">{t('ticket.sla.noTimeline')}</Text>;
  return (
    <List
      type="ordered"
      spacing="xs"
      size="sm"
      className={classes.timeline}
      listStyleType="none"
      aria-label={t('ticket.sla.timeline')}
    >
      {explanation.timeline.map((entry, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the timeline is append-only, in order
        <List.Item key={index}>
          <Text size="xs" c="dimmed" component="time" dateTime={entry.at}>
            {formatDateTime(entry.at)}
          </Text>
          <Text size="sm">
            <Text span fw={600} inherit>
              {kindLabel(entry.kind)}
              {entry.target ? ` · ${targetLabel(entry.target)}` : ''}
            </Text>
            {' — '}
            {entry.reason}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** Why each due time is what it is: the arithmetic per target, then the timeline of the clocks. */
export function SlaExplain({ explanation, nowMs }: { explanation: SlaExplanation; nowMs: number }) {
  return (
    <Stack gap="sm" data-testid="sla-explain">
      <Title order={3} size="h5">
        {t('ticket.sla.whyTitle')}
      </Title>
      <List size="sm" spacing={4}>
        {explanation.targets.map((timer) => (
          <WhyDue key={timer.target} explanation={explanation} timer={timer} nowMs={nowMs} />
        ))}
      </List>
      <Title order={3} size="h5">
        {t('ticket.sla.timeline')}
      </Title>
      <Timeline explanation={explanation} />
    </Stack>
  );
}
