import { Alert, CloseButton, Group, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Ticket } from '../../../../contracts/tickets.js';
import { useLiveEvents } from '../../../app/live';
import { t } from '../../../i18n/t';
import { formatDateTime } from '../../../ui/format';

const SHOWN_MS = 60_000;

/**
 * A calm word when someone else changed this ticket: the page has already refreshed itself (live
 * updates), and an edit in progress keeps the version it started from, so nothing is overwritten.
 */
export function LiveNotice({ ticket }: { ticket: Ticket }) {
  const [changedAt, setChangedAt] = useState<string | null>(null);
  useLiveEvents((event) => {
    const { kind, id, number } = event.entity;
    if (kind !== 'ticket' || event.byYou) return;
    if (id === ticket.id || number === ticket.number) setChangedAt(event.at);
  });
  useEffect(() => {
    if (!changedAt) return;
    const timer = window.setTimeout(() => setChangedAt(null), SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [changedAt]);

  return (
    <div aria-live="polite">
      {changedAt && (
        <Alert
          color="blue"
          variant="light"
          mb="md"
          icon={<IconRefresh size={18} aria-hidden />}
          data-testid="live-notice"
        >
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm">{t('ticket.live.changed', { when: formatDateTime(changedAt) })}</Text>
            <CloseButton aria-label={t('ticket.live.dismiss')} onClick={() => setChangedAt(null)} />
          </Group>
        </Alert>
      )}
    </div>
  );
}
