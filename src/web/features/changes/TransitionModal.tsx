import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ChangeDetail } from '../../../contracts/changes.js';
import { ApiError } from '../../app/api';
import { t } from '../../i18n/t';
import { errorMessage } from '../../ui/errors';
import { FormError } from '../../ui/FormError';
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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scheduling = target === 'scheduled';
  const submit = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const body = {
        state: target,
        comment: comment.trim() || undefined,
        ...(scheduling
          ? { plannedStart: localInputToInstant(start), plannedEnd: localInputToInstant(end) }
          : {}),
      };
      store(await changeApi.transition(change.number, body));
      notifications.show({ color: 'tend', message: t('changes.move.done', { state: stateLabel(target) }) });
      setComment('');
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
      title={t('changes.move.title', { state: stateLabel(target ?? '') })}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <FormError message={error} />
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('changes.move.confirm', { state: stateLabel(target ?? '') })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
