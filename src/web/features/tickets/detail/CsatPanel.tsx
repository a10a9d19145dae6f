import { Group, List, Rating, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { t } from '../../../i18n/t';
import { formatDateTime } from '../../../ui/format';
import { ratingsQuery } from './api';

/** The requester's satisfaction ratings, one per resolution (4 and 5 count as satisfied). */
export function CsatPanel({ ticketRef }: { ticketRef: string }) {
  const ratings = useQuery(ratingsQuery(ticketRef));
  const items = ratings.data ?? [];
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('ticket.csat.none')}
      </Text>
    );
  }
  return (
    <List spacing="sm" listStyleType="none" aria-label={t('ticket.csat.title')}>
      {items.map((rating) => (
        <List.Item key={rating.id}>
          <Group gap="xs">
            <Rating value={rating.score} readOnly aria-hidden />
            <Text size="sm" fw={600}>
              {t('ticket.csat.score', { score: rating.score, resolution: rating.resolution })}
            </Text>
            <Text size="xs" c="dimmed" component="time" dateTime={rating.createdAt}>
              {formatDateTime(rating.createdAt)}
            </Text>
          </Group>
          {rating.comment && <Text size="sm">{rating.comment}</Text>}
        </List.Item>
      ))}
    </List>
  );
}
