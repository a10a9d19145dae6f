import { Button, Container, Stack } from '@mantine/core';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { t } from '../i18n/t';
import { ErrorAlert } from './ErrorAlert';

/** The last line of defence: a page that failed to load says so calmly and offers a retry. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  return (
    <Container size="sm" py="xl" component="main">
      <Stack>
        <ErrorAlert error={error} />
        <Button variant="default" onClick={reset} w="fit-content">
          {t('common.retry')}
        </Button>
      </Stack>
    </Container>
  );
}
