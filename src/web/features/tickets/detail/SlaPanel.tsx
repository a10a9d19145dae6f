import { Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { slaCountdown } from '../../../../core/sla/countdown.js';
import { t } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime } from '../../../ui/format';
import { slaQuery } from './api';
import { slaStateColor, slaStateLabel, targetLabel } from './labels';
import { SlaExplain } from './SlaExplain';
import { formatDuration, formatMinutes, useNow } from './slaClock';
import type { SlaTargetState } from './types';

/** A running clock counts down live; paused, met, breached and stopped ones say so instead. */
function Countdown({ timer, nowMs }: { timer: SlaTargetState; nowMs: number }) {
  if (timer.state === 'met')
    return <Text size="sm">{t('ticket.sla.metAt', { at: formatDateTime(timer.metAt) })}</Text>;
  if (timer.state === 'stopped') return <Text size="sm">{t('ticket.sla.stoppedText')}</Text>;
  if (timer.state === 'paused') {
    const left = timer.remainingSeconds;
    return (
      <Text size="sm">
        {left === null
          ? t('ticket.sla.pausedText')
          : t('ticket.sla.pausedLeft', { time: formatDuration(left) })}
      </Text>
    );
  }
  if (!timer.dueAt) return null;
  // The same countdown as the queue's (core/sla/countdown), with the policy's own warning instant.
  const countdown = slaCountdown({
    dueAt: new Date(timer.dueAt),
    warnAt: timer.warnAt ? new Date(timer.warnAt) : null,
    now: new Date(nowMs),
  });
  const key =
    countdown.state === 'breached'
      ? 'ticket.sla.overdueBy'
      : countdown.state === 'warning'
        ? 'ticket.sla.dueSoon'
        : 'ticket.sla.dueIn';
  return (
    <Text size="sm" fw={600} data-testid={`sla-countdown-${timer.target}`} data-state={countdown.state}>
      {t(key, { time: countdown.text })}
    </Text>
  );
}

function TargetRow({ timer, nowMs }: { timer: SlaTargetState; nowMs: number }) {
  return (
    <Stack gap={2} component="li" style={{ listStyle: 'none' }} aria-label={targetLabel(timer.target)}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          {targetLabel(timer.target)}
        </Text>
        <Badge variant="light" color={slaStateColor(timer.state)}>
          {slaStateLabel(timer.state)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {timer.dueAt && !timer.metAt
          ? t('ticket.sla.targetDue', {
              time: formatMinutes(timer.targetMinutes),
              due: formatDateTime(timer.dueAt),
            })
          : t('ticket.sla.targetLine', { time: formatMinutes(timer.targetMinutes) })}
      </Text>
      <Countdown timer={timer} nowMs={nowMs} />
    </Stack>
  );
}

/** The ticket's SLA: each target's state, due time and a live countdown; the explanation on request. */
export function SlaPanel({ ticketRef }: { ticketRef: string }) {
  const sla = useQuery(slaQuery(ticketRef));
  const nowMs = useNow(1000);
  const [explain, setExplain] = useState(false);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="sla-heading">
      <Stack gap="sm">
        <Group gap="xs">
          <IconClock size={18} aria-hidden />
          <Title order={2} size="h4" id="sla-heading">
            {t('ticket.sla.title')}
          </Title>
        </Group>
        {sla.isPending && <Skeleton height={80} />}
        {sla.isError && <ErrorAlert error={sla.error} onRetry={() => sla.refetch()} />}
        {sla.data && (
          <>
            <Text size="sm">
              {sla.data.policy
                ? t('ticket.sla.policyLine', { policy: sla.data.policy.name, priority: sla.data.priority })
                : t('ticket.sla.noPolicy')}
            </Text>
            {sla.data.targets.length > 0 && (
              <Stack gap="sm" component="ul" p={0} m={0} aria-label={t('ticket.sla.targets')}>
                {sla.data.targets.map((timer) => (
                  <TargetRow key={timer.target} timer={timer} nowMs={nowMs} />
                ))}
              </Stack>
            )}
            <Button
              variant="subtle"
              size="compact-sm"
              aria-expanded={explain}
              aria-controls="sla-explain"
              onClick={() => setExplain((value) => !value)}
              style={{ alignSelf: 'flex-start' }}
            >
              {explain ? t('ticket.sla.hideExplain') : t('ticket.sla.showExplain')}
            </Button>
            <div id="sla-explain">{explain && <SlaExplain explanation={sla.data} nowMs={nowMs} />}</div>
          </>
        )}
      </Stack>
    </Paper>
  );
}
