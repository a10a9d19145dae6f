import { Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ChangeDetail } from '../../../contracts/changes.js';
import { ApiError } from '../../app/api';
import { t } from '../../i18n/t';
import { errorMessage } from '../../ui/errors';
import { MoveStateModal } from '../../ui/MoveStateModal';
import { changeApi, useStoreChange } from './api';
import { stateLabel } from './labels';
import { instantToLocalInput, localInputToInstant } from './time';

type Props = { change: ChangeDetail; target: string | null; onClose: () => void };

/** The scheduling rule's 422 in words: which environments have no window around the plan. */
function moveError(error: unknown): string {
  if (error instanceof ApiError && error.code === 'changes.outside_maintenance_window') {
    const outside = Array.isArray(error.details.outsideEnvironmentIds)
      ? error.details.outsideEnvironmentIds.length
      : 0;
    return t('changes.move.outsideWindow', { count: outside });
  }
  return errorMessage(error);
}

/** Move a change to `target`, with a comment (and the planned interval when scheduling). */
export function TransitionModal({ change, target, onClose }: Props) {
  const store = useStoreChange();
  const [comment, setComment] = useState('');
  const [start, setStart] = useState(instantToLocalInput(change.plannedStart));
  const [end, setEnd] = useState(instantToLocalInput(change.plannedEnd));
  const scheduling = target === 'scheduled';
  const state = stateLabel(target ?? '');
  const send = async (to: string) => {
    const body = {
      state: to,
      comment: comment.trim() || undefined,
      ...(scheduling
        ? { plannedStart: localInputToInstant(start), plannedEnd: localInputToInstant(end) }
        : {}),
    };
    store(await changeApi.transition(change.number, body));
  };
  return (
    <MoveStateModal
      target={target}
      title={t('changes.move.title', { state })}
      confirmLabel={t('changes.move.confirm', { state })}
      doneMessage={t('changes.move.done', { state })}
      send={send}
      describeError={moveError}
      onMoved={() => setComment('')}
      onClose={onClose}
    >
      {scheduling && (
        <>
          <TextInput
            type="datetime-local"
            label={t('changes.form.plannedStart')}
            required
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label={t('changes.form.plannedEnd')}
            required
            value={end}
            onChange={(e) => setEnd(e.currentTarget.value)}
          />
        </>
      )}
      <Textarea
        label={t('changes.move.comment')}
        autosize
        minRows={2}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
      />
    </MoveStateModal>
  );
}
