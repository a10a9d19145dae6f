import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { t } from '../i18n/t';
import { ErrorAlert } from './ErrorAlert';

type Props = {
  opened: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  danger?: boolean;
  loading?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
};

/** "Are you sure?" for actions with consequences; the safe choice has focus first. */
export function ConfirmModal(props: Props) {
  const { opened, title, text, confirmLabel, danger, loading, error, onConfirm, onClose } = props;
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack>
        <Text size="sm">{text}</Text>
        {error ? <ErrorAlert error={error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color={danger ? 'red.9' : undefined} onClick={onConfirm} loading={loading}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
