import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PRIORITIES } from '../../../../core/tickets/priority.js';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { organisationUsersQuery } from '../users/api';
import { asInput, type EscalationRule, type RuleInput, useAllTeams, useMatrix, usePutMatrix } from './api';
import { NOTIFY_GROUPS, RuleModal } from './RuleModal';

const THRESHOLDS = ['warning', 'breach'] as const;
type Cell = Pick<RuleInput, 'priority' | 'threshold'>;

/** Names for user ids and team ids that rules mention. */
function useNames() {
  const { organisation } = useSession();
  const staff = useQuery(organisationUsersQuery(organisation.id));
  const teams = useAllTeams();
  const byId = new Map<string, string>([
    ...(staff.data ?? []).map((user) => [user.id, user.name] as const),
    ...(teams.data ?? []).map((team) => [team.id, team.name] as const),
  ]);
  return (id: string) => byId.get(id) ?? id;
}

function RuleSummary({ rule, name }: { rule: EscalationRule; name: (id: string) => string }) {
  const notify = rule.notify.map((entry) =>
    (NOTIFY_GROUPS as readonly string[]).includes(entry)
      ? t(`escalation.group.${entry as (typeof NOTIFY_GROUPS)[number]}`)
      : name(entry),
  );
  return (
    <Stack gap={4}>
      <Text size="sm">
        {notify.length > 0
          ? t('escalation.notifies', { whom: notify.join(', ') })
          : t('escalation.notifiesNobody')}
      </Text>
      {rule.moveToTier && (
        <Group gap={6}>
          <Badge variant="light" color="blue">
            {t('escalation.movesTo', { tier: rule.moveToTier })}
          </Badge>
          {rule.moveToTeamId && (
            <Text size="xs" c="dimmed">
              {name(rule.moveToTeamId)}
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}

function MatrixTable({ rules, onEdit }: { rules: EscalationRule[]; onEdit: (cell: Cell) => void }) {
  const name = useNames();
  const ruleAt = (cell: Cell) =>
    rules.find((rule) => rule.priority === cell.priority && rule.threshold === cell.threshold);
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={720}>
        <Table aria-label={t('escalation.table')} highlightOnHover={false} withColumnBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('slaPolicies.priority')}</Table.Th>
              {THRESHOLDS.map((threshold) => (
                <Table.Th key={threshold}>{t(`escalation.threshold.${threshold}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {PRIORITIES.map((priority) => (
              <Table.Tr key={priority}>
                <Table.Th scope="row">{priority}</Table.Th>
                {THRESHOLDS.map((threshold) => {
                  const rule = ruleAt({ priority, threshold });
                  const where = { priority, threshold: t(`escalation.threshold.${threshold}`) };
                  return (
                    <Table.Td key={threshold} data-testid={`cell-${priority}-${threshold}`}>
                      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                        {rule ? (
                          <RuleSummary rule={rule} name={name} />
                        ) : (
                          <Text size="sm" c="dimmed">
                            {t('escalation.noRule')}
                          </Text>
                        )}
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => onEdit({ priority, threshold })}
                          aria-label={t(rule ? 'escalation.editRule' : 'escalation.addRule', where)}
                        >
                          {rule ? t('common.edit') : t('escalation.add')}
                        </Button>
                      </Group>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** The escalation matrix: priority × threshold (warning, breach) → notify whom, move to which tier. */
export function EscalationPage() {
  const matrix = useMatrix();
  const put = usePutMatrix();
  const [cell, setCell] = useState<Cell | null>(null);
  const rules = matrix.data?.rules ?? [];
  const close = () => {
    setCell(null);
    put.reset();
  };
  const save = (changed: RuleInput | null) => {
    if (!cell) return;
    const others = rules
      .filter((rule) => rule.priority !== cell.priority || rule.threshold !== cell.threshold)
      .map(asInput);
    put.mutate(changed ? [...others, changed] : others, {
      onSuccess: () => {
        notifications.show({ color: 'tend', message: t('escalation.saved') });
        close();
      },
    });
  };
  const current = cell
    ? rules.find((rule) => rule.priority === cell.priority && rule.threshold === cell.threshold)
    : undefined;
  let content: React.ReactNode;
  if (matrix.isPending) content = <TableSkeleton rows={4} />;
  else if (matrix.isError) content = <ErrorAlert error={matrix.error} onRetry={() => matrix.refetch()} />;
  else content = <MatrixTable rules={rules} onEdit={setCell} />;
  return (
    <>
      <PageHeader title={t('escalation.title')} description={t('escalation.description')} />
      {content}
      <RuleModal
        key={cell ? `${cell.priority}-${cell.threshold}` : 'none'}
        opened={cell !== null}
        cell={cell ?? { priority: 'P1', threshold: 'warning' }}
        rule={current ? asInput(current) : undefined}
        saving={put.isPending}
        error={put.error}
        onSave={save}
        onClose={close}
      />
    </>
  );
}
