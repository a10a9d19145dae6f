import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Task } from '../../../contracts/plans.js';
import { ApiError } from '../../app/api';
import { t } from '../../i18n/t';
import { errorMessage } from '../../ui/errors';
import { FormError } from '../../ui/FormError';
import { plansApi, useStoreTask } from './api';
import { taskStateLabel } from './labels';

type Props = { task: Task; target: string | null; onClose: () => void };

function moveError(error: unknown): string {
  if (error instanceof ApiError && error.code === 'maintenance_tasks.checklist_incomplete')
    return t('plans.move.checklistIncomplete');
  return errorMessage(error);
}

/** Move a task to `target`: a reason (required to skip or cancel) and, optionally, the outcome. */
export function TaskTransitionModal({ task, target, onClose }: Props) {
  const store = useStoreTask();
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState(task.outcome);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsReason = target === 'skipped' || target === 'cancelled';
  const submit = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const body = {
        state: target,
        reason: reason.trim() || undefined,
        ...(outcome !== task.outcome ? { outcome } : {}),
      };
      store(await plansApi.transition(task.number, body));
      notifications.show({ color: 'tend', message: t('plans.move.done', { state: taskStateLabel(target) }) });
      setReason('');
      onClose();
    } catch (caught) {
      setError(moveError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={t('plans.move.title', { state: taskStateLabel(target ?? '') })}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <FormError message={error} />
          <Textarea
            label={t('plans.move.reason')}
            required={needsReason}
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          {target === 'done' && (
            <Textarea
              label={t('plans.task.outcome')}
              autosize
              minRows={3}
              value={outcome}
              onChange={(event) => setOutcome(event.currentTarget.value)}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('plans.move.confirm', { state: taskStateLabel(target ?? '') })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
