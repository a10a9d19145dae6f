import { useEffect, useState } from 'react';
import { t } from '../../../i18n/t';

/**
 * The SLA panel's ticking clock and durations in words (target lengths, pauses, business time left);
 * the countdown itself is core/sla/countdown, shared with the queue.
 */

/** 45 s · 12 min · 3 h 05 min · 2 d 4 h: the two largest units are enough to act on. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.abs(totalSeconds);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return t('ticket.sla.duration.days', { days, hours });
  if (hours > 0) return t('ticket.sla.duration.hours', { hours, minutes: String(minutes).padStart(2, '0') });
  if (minutes > 0) return t('ticket.sla.duration.minutes', { minutes });
  return t('ticket.sla.duration.seconds', { seconds });
}

/** Business minutes of a target as a person says them ("4 h", "2 d 0 h" for 48 h). */
export function formatMinutes(minutes: number): string {
  return minutes < 60 ? t('ticket.sla.duration.minutes', { minutes }) : formatDuration(minutes * 60);
}

/** The current time, ticking every `intervalMs` while the component is shown. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
