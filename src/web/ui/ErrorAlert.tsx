import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { t } from '../i18n/t';
import { errorMessage } from './errors';

type Props = { error: unknown; title?: string; onRetry?: () => void };

/** A friendly error box: what happened and what to do. Never a stack trace or raw JSON. */
export function ErrorAlert({ error, title, onRetry }: Props) {
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} aria-hidden />}
      title={title ?? t('errors.title')}
      role="alert"
    >
      <Text size="sm">{errorMessage(error)}</Text>
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
