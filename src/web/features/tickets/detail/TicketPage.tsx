import { Grid, Paper, Skeleton, Stack, Tabs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import type { Ticket } from '../../../../contracts/tickets.js';
import { ApiError } from '../../../app/api';
import { isStaff } from '../../../app/permissions';
import { useSession } from '../../../app/session';
import { useShortcuts } from '../../../app/shortcuts';
import { t } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { NoAccess } from '../../../ui/NoAccess';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { ticketQuery } from './api';
import { Composer, type ComposerMode } from './Composer';
import { ConflictPanel } from './ConflictPanel';
import { Conversation } from './Conversation';
import { CsatPanel } from './CsatPanel';
import { type Direction, EscalateModal } from './EscalateModal';
import { TicketEditProvider } from './edit';
import { HistoryList } from './HistoryList';
import { LinksPanel } from './LinksPanel';
import { LiveNotice } from './LiveNotice';
import { PropertiesPanel } from './PropertiesPanel';
import { SlaPanel } from './SlaPanel';
import { TicketHeader } from './TicketHeader';
import { TimePanel } from './TimePanel';
import { WatchersPanel } from './WatchersPanel';

function ActivityTabs({ ticket, ticketRef }: { ticket: Ticket; ticketRef: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Tabs defaultValue="history" keepMounted={false}>
        <Tabs.List aria-label={t('ticket.activity')}>
          <Tabs.Tab value="history">{t('ticket.history.title')}</Tabs.Tab>
          <Tabs.Tab value="time">{t('ticket.time.title')}</Tabs.Tab>
          <Tabs.Tab value="links">{t('ticket.links.title')}</Tabs.Tab>
          <Tabs.Tab value="csat">{t('ticket.csat.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="history" pt="md">
          <HistoryList ticketRef={ticketRef} />
        </Tabs.Panel>
        <Tabs.Panel value="time" pt="md">
          <TimePanel ticketRef={ticketRef} />
        </Tabs.Panel>
        <Tabs.Panel value="links" pt="md">
          <LinksPanel ticket={ticket} ticketRef={ticketRef} />
        </Tabs.Panel>
        <Tabs.Panel value="csat" pt="md">
          <CsatPanel ticketRef={ticketRef} />
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}

/** Reply, note and escalate, from the header's buttons or the r/n/e keys. */
function useTicketActions(ticket: Ticket) {
  const [mode, setMode] = useState<ComposerMode>('public');
  const [escalation, setEscalation] = useState<Direction | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const open = ticket.status !== 'closed';
  const write = (next: ComposerMode) => {
    if (!open) return;
    setMode(next);
    requestAnimationFrame(() => {
      textarea.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      textarea.current?.focus();
    });
  };
  const escalate = (direction: Direction) => open && setEscalation(direction);
  useShortcuts({
    reply: () => write('public'),
    note: () => write('internal'),
    escalate: () => ticket.tier !== 'L4' && escalate('up'),
  });
  return { mode, setMode, escalation, setEscalation, textarea, write, escalate };
}

/** The agent's ticket page: header, conversation and composer, side panels, activity. */
function TicketView({ ticket, ticketRef }: { ticket: Ticket; ticketRef: string }) {
  const { mode, setMode, escalation, setEscalation, textarea, write, escalate } = useTicketActions(ticket);
  return (
    <>
      <TicketHeader
        ticket={ticket}
        actions={{
          reply: () => write('public'),
          note: () => write('internal'),
          escalate: () => escalate('up'),
          deEscalate: () => escalate('down'),
        }}
      />
      <ConflictPanel />
      <LiveNotice ticket={ticket} />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Conversation ticket={ticket} ticketRef={ticketRef} />
            <Composer
              ticket={ticket}
              ticketRef={ticketRef}
              mode={mode}
              onModeChange={setMode}
              textareaRef={textarea}
            />
            <ActivityTabs ticket={ticket} ticketRef={ticketRef} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg" component="aside" aria-label={t('ticket.sidePanel')}>
            <PropertiesPanel ticket={ticket} />
            <SlaPanel ticketRef={ticketRef} />
            <WatchersPanel ticket={ticket} ticketRef={ticketRef} />
          </Stack>
        </Grid.Col>
      </Grid>
      <EscalateModal
        ticket={ticket}
        ticketRef={ticketRef}
        direction={escalation}
        onClose={() => setEscalation(null)}
      />
    </>
  );
}

function TicketLoader({ ticketRef }: { ticketRef: string }) {
  const query = useQuery(ticketQuery(ticketRef));
  if (query.isPending) return <Skeleton height={240} radius="md" />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
    return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  }
  return (
    <TicketEditProvider ticketRef={ticketRef}>
      <TicketView ticket={query.data} ticketRef={ticketRef} />
    </TicketEditProvider>
  );
}

/** Route /tickets/$ref (number or id). Customers have their own view of tickets in the portal. */
export function TicketPage() {
  const { ref } = useParams({ strict: false }) as { ref?: string };
  const { user } = useSession();
  if (!isStaff(user.role)) return <NoAccess />;
  if (!ref) return <NotFoundPage />;
  return <TicketLoader key={ref} ticketRef={ref} />;
}
