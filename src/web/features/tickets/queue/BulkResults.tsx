import { Alert, Badge, Button, Group, List, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { BulkItemResult } from '../../../../contracts/ticket-bulk.js';
import type { Ticket } from '../../../../contracts/tickets.js';
import { ApiError } from '../../../app/api';
import { t } from '../../../i18n/t';
import { errorMessage, sentence } from '../../../ui/errors';

type Props = { results: BulkItemResult[]; tickets: Ticket[]; onClose: () => void };

/**
 * Why one ticket was not changed: the field problem the server names ("Is not a member of the
 * ticket's team"), else the usual wording for its error code.
 */
function failure(result: Extract<BulkItemResult, { ok: false }>): string {
  const { code, message, details } = result.error;
  const error = new ApiError(422, code, message, details ?? {});
  const fields = error.fieldErrors.map((field) => sentence(field.message)).filter(Boolean);
  return fields.length ? fields.join(' ') : errorMessage(error);
}

/** What the bulk change did to each ticket: done, or why not. */
export function BulkResults({ results, tickets, onClose }: Props) {
  const numberOf = new Map(tickets.map((ticket) => [ticket.id, ticket.number]));
  const failed = results.filter((result) => !result.ok).length;
  const ok = results.length - failed;
  return (
    <Stack>
      <Alert color={failed ? 'red' : 'tend'} variant="light" role="status">
        {failed ? t('bulk.resultsTitle', { ok, failed }) : t('bulk.allDone', { count: ok })}
      </Alert>
      <List spacing="xs" listStyleType="none" aria-label={t('bulk.results')} data-testid="bulk-results">
        {results.map((result) => (
          <List.Item key={result.ref}>
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <ThemeIcon size="sm" radius="xl" variant="light" color={result.ok ? 'tend' : 'red'} aria-hidden>
                {result.ok ? <IconCheck size={14} /> : <IconX size={14} />}
              </ThemeIcon>
              <Text size="sm" fw={600} miw={70}>
                {numberOf.get(result.ref) ?? result.ref}
              </Text>
              <Badge variant="light" color={result.ok ? 'tend' : 'red'} tt="none">
                {result.ok ? t('bulk.resultOk') : t('bulk.resultFailed')}
              </Badge>
              {!result.ok && <Text size="sm">{failure(result)}</Text>}
            </Group>
          </List.Item>
        ))}
      </List>
      {failed > 0 && (
        <Text size="sm" c="dimmed">
          {t('bulk.failedHint')}
        </Text>
      )}
      <Group justify="flex-end">
        <Button onClick={onClose} data-autofocus>
          {t('bulk.done')}
        </Button>
      </Group>
    </Stack>
  );
}
