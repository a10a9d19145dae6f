import { Textarea } from '@mantine/core';
import { useState } from 'react';
import type { Task } from '../../../contracts/plans.js';
import { ApiError } from '../../app/api';
import { t } from '../../i18n/t';
import { errorMessage } from '../../ui/errors';
import { MoveStateModal } from '../../ui/MoveStateModal';
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
  const needsReason = target === 'skipped' || target === 'cancelled';
  const state = taskStateLabel(target ?? '');
  const send = async (to: string) => {
    const body = {
      state: to,
      reason: reason.trim() || undefined,
      ...(outcome !== task.outcome ? { outcome } : {}),
    };
    store(await plansApi.transition(task.number, body));
  };
  return (
    <MoveStateModal
      target={target}
      title={t('plans.move.title', { state })}
      confirmLabel={t('plans.move.confirm', { state })}
      doneMessage={t('plans.move.done', { state })}
      send={send}
      describeError={moveError}
      onMoved={() => setReason('')}
      onClose={onClose}
    >
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
    </MoveStateModal>
  );
}
