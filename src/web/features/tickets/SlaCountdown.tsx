import { VisuallyHidden } from '@mantine/core';
import { IconAlarm, IconAlertTriangle, IconClock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { type SlaCountdown as Countdown, slaCountdown } from '../../../core/sla/countdown.js';
import { t } from '../../i18n/t';
import classes from './SlaCountdown.module.css';

type Props = { dueAt: string | null; warnAt?: string | null };

const toDate = (instant: string | null | undefined): Date | null => {
  if (!instant) return null;
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** The countdown as of now, re-rendered exactly when its text or state changes (core/sla/countdown). */
function useCountdown(dueAt: Date | null, warnAt: Date | null): Countdown {
  const [now, setNow] = useState(() => new Date());
  const countdown = slaCountdown({ dueAt, warnAt, now });
  const delay = countdown.nextChangeMs;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each tick (`now`) arms the next one, even when the delay repeats
  useEffect(() => {
    if (delay === null) return;
    // A few milliseconds late rather than early, so the tick lands after the change.
    const timer = window.setTimeout(() => setNow(new Date()), Math.min(delay + 5, 2_147_000_000));
    return () => window.clearTimeout(timer);
  }, [delay, now]);
  return countdown;
}

function spoken(countdown: Countdown): string {
  const time = countdown.text;
  if (countdown.state === 'breached') return t('queue.sla.breachedLabel', { time });
  if (countdown.state === 'warning') return t('queue.sla.warningLabel', { time });
  return t('queue.sla.okLabel', { time });
}

/**
 * The live SLA countdown of a ticket: "in 3h 05m", amber "in 12m 30s" once the warning starts, red
 * "4m 10s overdue" after the due time. Ticks every second under an hour, else every minute.
 */
export function SlaCountdown({ dueAt, warnAt }: Props) {
  const countdown = useCountdown(toDate(dueAt), toDate(warnAt));
  if (countdown.state === 'none') {
    return <span className={`${classes.sla} ${classes.none}`}>{t('queue.sla.none')}</span>;
  }
  const { state, text } = countdown;
  const Icon = state === 'breached' ? IconAlertTriangle : state === 'warning' ? IconAlarm : IconClock;
  return (
    <span
      className={`${classes.sla} ${classes[state]}`}
      data-sla-state={state}
      title={new Date(dueAt ?? '').toLocaleString()}
    >
      <Icon size={14} aria-hidden />
      <span aria-hidden>
        {state === 'breached' ? t('queue.sla.overdue', { time: text }) : t('queue.sla.dueIn', { time: text })}
      </span>
      <VisuallyHidden>{spoken(countdown)}</VisuallyHidden>
    </span>
  );
}
