import { AppShell, Burger, Container, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Outlet } from '@tanstack/react-router';
import { useRef } from 'react';
import { NewTicketProvider } from '../../features/tickets/new/NewTicketContext';
import { t } from '../../i18n/t';
import { useLiveUpdates } from '../live';
import { isStaff } from '../permissions';
import { SessionContext, sessionQuery } from '../session';
import { Brand } from './Brand';
import { NavBar } from './NavBar';
import { PortalNav } from './PortalNav';
import { MAIN_ID, SkipLink } from './SkipLink';
import { PaletteButton, StaffTools } from './StaffTools';
import { ThemeToggle } from './ThemeToggle';
import { UserMenu } from './UserMenu';

const HEADER_HEIGHT = 56;

function HeaderActions() {
  return (
    <Group gap="sm" wrap="nowrap">
      <ThemeToggle />
      <UserMenu />
    </Group>
  );
}

/** Staff: header + side navigation, the command palette and keyboard shortcuts. */
function StaffFrame() {
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <NewTicketProvider>
      <AppShell
        header={{ height: HEADER_HEIGHT }}
        navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding={{ base: 'md', sm: 'lg' }}
      >
        <SkipLink />
        <AppShell.Header component="header">
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('nav.toggle')}
              />
              <Brand />
            </Group>
            <Group gap="sm" wrap="nowrap">
              <PaletteButton />
              <HeaderActions />
            </Group>
          </Group>
        </AppShell.Header>
        <NavBar onNavigate={close} />
        <StaffTools />
        <AppShell.Main id={MAIN_ID} tabIndex={-1}>
          <Container size="xl" px={0}>
            <Outlet />
          </Container>
        </AppShell.Main>
      </AppShell>
    </NewTicketProvider>
  );
}

/** Requesters and customer managers: a simpler portal frame without the staff navigation. */
function PortalFrame() {
  return (
    <AppShell header={{ height: HEADER_HEIGHT }}>
      <SkipLink />
      <AppShell.Header component="header">
        <Container size="md" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Brand />
            <HeaderActions />
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main id={MAIN_ID} tabIndex={-1}>
        <Container size="md" py="lg">
          <PortalNav />
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

/**
 * The signed-in frame. It provides the session to everything inside; on sign-out the session empties a
 * moment before the sign-in page replaces this frame, so the last one is kept until then.
 */
export function AppFrame() {
  const { data } = useQuery(sessionQuery);
  const last = useRef(data);
  if (data) last.current = data;
  const session = data ?? last.current;
  // One live-updates connection per tab while signed in (app/live.ts): staff frame and portal alike.
  useLiveUpdates(Boolean(data));
  if (!session) return null;
  return (
    <SessionContext value={session}>
      {isStaff(session.user.role) ? <StaffFrame /> : <PortalFrame />}
    </SessionContext>
  );
}
