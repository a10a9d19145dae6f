import { Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { Ticket } from '../../../contracts/tickets.js';
import { AnchorLink } from '../../app/links';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { attachmentsQuery, messagesQuery, portalTicketQuery, useColleagueNames } from './api';
import { Conversation, FileList } from './Conversation';
import { levelLabel, TicketStatusBadge, typeLabel } from './labels';
import { RatingCard } from './RatingCard';
import { ReplyForm } from './ReplyForm';
import { TicketActions } from './TicketActions';

const route = getRouteApi('/app/portal/tickets/$ref');

function Facts({ ticket }: { ticket: Ticket }) {
  const facts = [
    [t('portal.fact.type'), typeLabel(ticket.type)],
    [t('portal.fact.impact'), levelLabel(ticket.impact)],
    [t('portal.fact.urgency'), levelLabel(ticket.urgency)],
    [t('portal.fact.opened'), formatDateTime(ticket.createdAt)],
    ...(ticket.resolvedAt ? [[t('portal.fact.resolved'), formatDateTime(ticket.resolvedAt)]] : []),
  ];
  return (
    <Group component="dl" gap="lg" m={0} wrap="wrap">
      {facts.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="xs" c="dimmed" fw={600}>
            {label}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {value}
          </Text>
        </div>
      ))}
    </Group>
  );
}

function TicketBody({ ticket }: { ticket: Ticket }) {
  const { user } = useSession();
  const messages = useQuery(messagesQuery(ticket.number));
  const files = useQuery(attachmentsQuery(ticket.number));
  const names = useColleagueNames(user.role === 'customer_manager');
  const ticketFiles = (files.data ?? []).filter((file) => !file.messageId);
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="request-heading">
        <Stack gap="sm">
          <Title order={2} size="h4" id="request-heading">
            {t('portal.request')}
          </Title>
          <Facts ticket={ticket} />
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {ticket.description}
          </Text>
          <FileList files={ticketFiles} />
        </Stack>
      </Paper>
      <RatingCard ticket={ticket} me={user.id} />
      {messages.isError ? (
        <ErrorAlert error={messages.error} onRetry={() => messages.refetch()} />
      ) : messages.data ? (
        <Conversation messages={messages.data} files={files.data ?? []} me={user.id} names={names} />
      ) : (
        <Skeleton height={120} radius="md" />
      )}
      {ticket.status === 'closed' ? (
        <Text size="sm" c="dimmed">
          {t('portal.closedHint')}
        </Text>
      ) : (
        <ReplyForm ticket={ticket} />
      )}
    </Stack>
  );
}

/** One ticket as the customer sees it: the request, the public conversation, reply, close, rate. */
export function PortalTicketPage() {
  const { ref } = route.useParams();
  const ticket = useQuery(portalTicketQuery(ref));
  return (
    <>
      <AnchorLink
        to="/portal/tickets"
        size="sm"
        mb="sm"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} aria-hidden />
        {t('portal.backToTickets')}
      </AnchorLink>
      {ticket.isError ? (
        <ErrorAlert error={ticket.error} onRetry={() => ticket.refetch()} />
      ) : !ticket.data ? (
        <Skeleton height={200} radius="md" aria-label={t('app.loading')} />
      ) : (
        <>
          <PageHeader title={ticket.data.subject} actions={<TicketActions ticket={ticket.data} />} />
          <Group gap="sm" mt={-8} mb="lg">
            <Text size="sm" c="dimmed" ff="monospace">
              {ticket.data.number}
            </Text>
            <TicketStatusBadge status={ticket.data.status} />
          </Group>
          <TicketBody ticket={ticket.data} />
        </>
      )}
    </>
  );
}
