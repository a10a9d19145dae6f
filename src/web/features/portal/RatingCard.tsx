import { Button, Group, Paper, Rating, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import type { CsatRating } from '../../../contracts/ticket-csat.js';
import type { Ticket } from '../../../contracts/tickets.js';
import { t } from '../../i18n/t';
import { FormError } from '../../ui/FormError';
import { useServerErrors } from '../../ui/serverErrors';
import { ratingsQuery, useRate } from './api';

/** A rating belongs to the current resolution when it was given after the ticket was last resolved. */
function ratingOfCurrentResolution(ticket: Ticket, ratings: CsatRating[]): CsatRating | undefined {
  if (!ticket.resolvedAt) return undefined;
  const resolvedAt = new Date(ticket.resolvedAt).getTime();
  return ratings.find((rating) => new Date(rating.createdAt).getTime() >= resolvedAt);
}

function Thanks({ rating }: { rating: CsatRating }) {
  return (
    <Stack gap={4}>
      <Group gap="sm">
        <Rating value={rating.score} readOnly aria-hidden />
        <Text size="sm" fw={600}>
          {t('portal.ratedScore', { score: rating.score })}
        </Text>
      </Group>
      {rating.comment && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          {rating.comment}
        </Text>
      )}
      <Text size="sm">{t('portal.ratingThanks')}</Text>
    </Stack>
  );
}

function RatingForm({ ticket }: { ticket: Ticket }) {
  const form = useForm({
    initialValues: { score: 0, comment: '' },
    validate: { score: (value) => (value >= 1 ? null : t('portal.ratingRequired')) },
  });
  const serverErrors = useServerErrors(form);
  const rate = useRate(ticket.number);
  const submit = form.onSubmit((values) => {
    serverErrors.clear();
    rate.mutate(values, {
      onError: (error) => serverErrors.show(error),
    });
  });
  const scoreError = form.errors.score;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError message={serverErrors.message} />
        <div>
          <Text size="sm" fw={500} id="rating-score-label" mb={4}>
            {t('portal.ratingScore')}
          </Text>
          <Rating
            size="lg"
            role="radiogroup"
            aria-labelledby="rating-score-label"
            getSymbolLabel={(value) => t('portal.ratingValue', { score: value })}
            value={form.values.score}
            onChange={(value) => form.setFieldValue('score', value)}
          />
          {scoreError && (
            <Text size="xs" c="var(--mantine-color-error)" mt={4} role="alert">
              {scoreError}
            </Text>
          )}
        </div>
        <Textarea label={t('portal.ratingComment')} autosize minRows={2} {...form.getInputProps('comment')} />
        <Group justify="flex-end">
          <Button type="submit" loading={rate.isPending}>
            {t('portal.ratingSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** How did we do? Once per resolution, by the person who asked; a reopen and a new fix ask again. */
export function RatingCard({ ticket, me }: { ticket: Ticket; me: string }) {
  const resolved = ticket.status === 'resolved' || (ticket.status === 'closed' && ticket.resolvedAt);
  const ratings = useQuery({ ...ratingsQuery(ticket.number), enabled: Boolean(resolved) });
  if (!resolved || ticket.requesterId !== me || !ratings.data) return null;
  const given = ratingOfCurrentResolution(ticket, ratings.data);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="rating-heading">
      <Title order={2} size="h4" id="rating-heading" mb="xs">
        {given ? t('portal.ratingGivenTitle') : t('portal.ratingTitle')}
      </Title>
      {given ? <Thanks rating={given} /> : <RatingForm ticket={ticket} />}
    </Paper>
  );
}
