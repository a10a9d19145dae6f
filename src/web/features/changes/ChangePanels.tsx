import { Alert, Anchor, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCalendarCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ChangeDetail } from '../../../contracts/changes.js';
import { AnchorLink } from '../../app/links';
import { t } from '../../i18n/t';
import { formatDateTime } from '../../ui/format';
import { stateLabel } from './labels';

export function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** Whether the planned downtime sits inside maintenance windows, and which changes overlap it. */
export function SchedulePanel({
  change,
  serviceName,
}: {
  change: ChangeDetail;
  serviceName: (id: string) => string;
}) {
  const window = change.window;
  return (
    <Panel id="schedule-title" title={t('changes.schedule.title')}>
      <Text size="sm">
        {change.plannedStart
          ? t('changes.schedule.planned', {
              start: formatDateTime(change.plannedStart),
              end: formatDateTime(change.plannedEnd),
            })
          : t('changes.unplanned')}
      </Text>
      {window.required && window.inside === true && (
        <Alert color="tend" variant="light" icon={<IconCalendarCheck size={18} aria-hidden />}>
          {t('changes.schedule.insideWindow')}
        </Alert>
      )}
      {window.required && window.inside === false && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
          {t('changes.schedule.outsideWindow', { count: window.outsideEnvironmentIds.length })}
        </Alert>
      )}
      {change.requiresDowntime && change.type === 'emergency' && (
        <Text size="sm">{t('changes.schedule.emergency')}</Text>
      )}
      {change.conflicts.length > 0 && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title={t('changes.conflicts.title')}
        >
          <List size="sm">
            {change.conflicts.map((conflict) => {
              const other = conflict.numbers.find((number) => number !== change.number) ?? '';
              return (
                <List.Item key={conflict.changeIds.join()}>
                  <AnchorLink to="/changes/$ref" params={{ ref: other }} size="sm">
                    {other}
                  </AnchorLink>{' '}
                  {t('changes.conflicts.item', {
                    services: conflict.serviceIds.map(serviceName).join(', '),
                    start: formatDateTime(conflict.overlapStart),
                    end: formatDateTime(conflict.overlapEnd),
                  })}
                </List.Item>
              );
            })}
          </List>
        </Alert>
      )}
    </Panel>
  );
}

export function AffectedPanel({
  change,
  serviceName,
}: {
  change: ChangeDetail;
  serviceName: (id: string) => string;
}) {
  return (
    <Panel id="affected-title" title={t('changes.form.affected')}>
      {change.affected.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('changes.affected.none')}
        </Text>
      ) : (
        <List size="sm">
          {change.affected.map((entry) => (
            <List.Item key={entry.environmentId}>
              {serviceName(entry.serviceId)}
              {change.window.outsideEnvironmentIds.includes(entry.environmentId)
                ? ` — ${t('changes.affected.noWindow')}`
                : ''}
            </List.Item>
          ))}
        </List>
      )}
    </Panel>
  );
}

export function PlansPanel({ change }: { change: ChangeDetail }) {
  const block = (label: string, text: string) => (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={text ? undefined : 'dimmed'}>
        {text || t('changes.plans.empty')}
      </Text>
    </div>
  );
  return (
    <Panel id="plans-title" title={t('changes.plans.title')}>
      {block(t('changes.form.description'), change.description)}
      {block(t('changes.form.implementationPlan'), change.implementationPlan)}
      {block(t('changes.form.backoutPlan'), change.backoutPlan)}
      {block(t('changes.form.testPlan'), change.testPlan)}
    </Panel>
  );
}

export function HistoryPanel({
  change,
  personName,
}: {
  change: ChangeDetail;
  personName: (id: string) => string;
}) {
  return (
    <Panel id="history-title" title={t('changes.history.title')}>
      <Stack gap={6} component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {change.history.map((entry) => (
          <Text component="li" size="sm" key={`${entry.at}-${entry.toState}`}>
            {formatDateTime(entry.at)} — {stateLabel(entry.toState)}{' '}
            {entry.actorId
              ? t('changes.history.by', { name: personName(entry.actorId) })
              : t('changes.history.bySystem')}
            {entry.comment ? `: “${entry.comment}”` : ''}
          </Text>
        ))}
      </Stack>
    </Panel>
  );
}

export function LinksPanel({ change, staff }: { change: ChangeDetail; staff: boolean }) {
  return (
    <Panel id="links-title" title={t('changes.links.title')}>
      {change.links.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('changes.links.none')}
        </Text>
      ) : (
        <List size="sm">
          {change.links.map((link) => (
            <List.Item key={link.ticketId}>
              {staff ? (
                <AnchorLink to="/tickets/$ref" params={{ ref: link.ticketNumber }} size="sm">
                  {link.ticketNumber}
                </AnchorLink>
              ) : (
                <Anchor component="span" size="sm">
                  {link.ticketNumber}
                </Anchor>
              )}{' '}
              {link.subject} ({t(`changes.links.kind.${link.kind}`)})
            </List.Item>
          ))}
        </List>
      )}
    </Panel>
  );
}
