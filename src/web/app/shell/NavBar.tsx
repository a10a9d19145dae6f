import { AppShell, ScrollArea, Stack, Text } from '@mantine/core';
import { useRouterState } from '@tanstack/react-router';
import { t } from '../../i18n/t';
import { RouterNavLink } from '../links';
import { isActivePath, navigationFor } from '../navigation';
import { useSession } from '../session';

export function NavBar({ onNavigate }: { onNavigate: () => void }) {
  const { user } = useSession();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  return (
    <AppShell.Navbar p="sm" component="nav" aria-label={t('nav.label')}>
      <AppShell.Section grow component={ScrollArea}>
        <Stack gap="lg">
          {navigationFor(user.role).map((section) => (
            <div key={section.id}>
              {section.label && (
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4} component="h2">
                  {t(section.label)}
                </Text>
              )}
              {section.items.map((item) => {
                const active = isActivePath(item.to, pathname);
                return (
                  <RouterNavLink
                    key={item.to}
                    to={item.to}
                    label={t(item.label)}
                    leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
                    active={active}
                    activeOptions={{ exact: item.to === '/' || item.to === '/account' }}
                    onClick={onNavigate}
                  />
                );
              })}
            </div>
          ))}
        </Stack>
      </AppShell.Section>
    </AppShell.Navbar>
  );
}
