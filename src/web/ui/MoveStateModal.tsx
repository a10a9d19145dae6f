import { Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useState } from 'react';
import { t } from '../i18n/t';
import { errorMessage } from './errors';
import { FormError } from './FormError';

type Props = {
  /** The state to move to; null keeps the modal closed. */
  target: string | null;
  title: string;
  confirmLabel: string;
  /** The toast once the move went through. */
  doneMessage: string;
  /** Sends the move and stores the answer; throws what the API said. */
  send: (target: string) => Promise<void>;
  /** Words for a refused move; the generic message unless the feature knows better. */
  describeError?: (error: unknown) => string;
  /** Clears the feature's fields after a move went through. */
  onMoved: () => void;
  onClose: () => void;
  /** The feature's own fields (comment, reason, planned times...). */
  children: ReactNode;
};

/**
 * The form behind "move this to state X" for changes and maintenance tasks: one submit path
 * (busy, error above the fields, a toast, close) so both lifecycles behave alike.
 */
export function MoveStateModal(props: Props) {
  const { target, send, describeError = errorMessage, onMoved, onClose } = props;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      await send(target);
      notifications.show({ color: 'tend', message: props.doneMessage });
      onMoved();
      onClose();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={target !== null} onClose={onClose} title={props.title}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <FormError message={error} />
          {props.children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {props.confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
