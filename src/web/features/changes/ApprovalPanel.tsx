import { Badge, Button, Group, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ChangeDetail } from '../../../contracts/changes.js';
import { t } from '../../i18n/t';
import { errorMessage } from '../../ui/errors';
import { FormError } from '../../ui/FormError';
import { formatDateTime } from '../../ui/format';
import { changeApi, useStoreChange } from './api';

function Decide({ change }: { change: ChangeDetail }) {
  const store = useStoreChange();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const decide = async (decision: 'approve' | 'reject') => {
    if (decision === 'reject' && !comment.trim()) {
      setError(t('changes.approval.rejectNeedsComment'));
      return;
    }
    setBusy(decision);
    setError(null);
    try {
      store(await changeApi.decide(change.number, decision, comment.trim()));
      notifications.show({
        color: 'tend',
        message: t(decision === 'approve' ? 'changes.approval.approved' : 'changes.approval.rejected'),
      });
      setComment('');
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap="xs">
      <FormError message={error} />
      <Textarea
        label={t('changes.approval.comment')}
        autosize
        minRows={2}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
      />
      <Group>
        <Button onClick={() => void decide('approve')} loading={busy === 'approve'} disabled={busy !== null}>
          {t('changes.approval.approve')}
        </Button>
        <Button
          color="red"
          variant="light"
          onClick={() => void decide('reject')}
          loading={busy === 'reject'}
          disabled={busy !== null}
        >
          {t('changes.approval.reject')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Who must approve, how far each group is, every decision with its comment, and my decision. */
export function ApprovalPanel({
  change,
  personName,
}: {
  change: ChangeDetail;
  personName: (id: string) => string;
}) {
  const approval = change.approval;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="approval-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="approval-title">
            {t('changes.approval.title')}
          </Title>
          <Badge
            variant="light"
            color={approval.outcome === 'rejected' ? 'red' : approval.outcome === 'pending' ? 'blue' : 'tend'}
          >
            {t(`changes.approval.outcome.${approval.outcome}`)}
          </Badge>
        </Group>
        {approval.groups.length > 0 && (
          <List size="sm" spacing={4}>
            {approval.groups.map((group) => (
              <List.Item key={group.groupId}>
                {t('changes.approval.group', {
                  name: group.name,
                  approvals: group.approvals,
                  needed: group.needed,
                })}
                {group.satisfied ? ` — ${t('changes.approval.satisfied')}` : ''}
              </List.Item>
            ))}
          </List>
        )}
        {approval.customer.required && (
          <Text size="sm">
            {approval.customer.satisfied
              ? t('changes.approval.customerDone')
              : t('changes.approval.customerNeeded')}
          </Text>
        )}
        {approval.decisions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('changes.approval.noDecisions')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {approval.decisions.map((decision) => (
              <Text component="li" size="sm" key={decision.approverId}>
                <strong>{decision.approverName || personName(decision.approverId)}</strong>{' '}
                {t(
                  decision.decision === 'approve'
                    ? 'changes.approval.approvedAt'
                    : 'changes.approval.rejectedAt',
                  {
                    at: formatDateTime(decision.decidedAt),
                  },
                )}
                {decision.comment ? `: “${decision.comment}”` : ''}
              </Text>
            ))}
          </Stack>
        )}
        {approval.canDecide && <Decide change={change} />}
      </Stack>
    </Paper>
  );
}
