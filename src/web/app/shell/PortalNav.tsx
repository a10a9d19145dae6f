import { Button, Group } from '@mantine/core';
import { Link, useRouterState } from '@tanstack/react-router';
import { t } from '../../i18n/t';
import { type AppPath, portalNavigation } from '../navigation';

/** The item whose page this is: the longest path that is this page or above it. */
function activeItem(pathname: string): AppPath | undefined {
  const matching = portalNavigation
    .map((item) => item.to)
    .filter((to) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`)));
  return matching.sort((a, b) => b.length - a.length)[0];
}

/** The portal's navigation: a row of links under the header, wrapping on a phone. */
export function PortalNav() {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const active = activeItem(pathname);
  return (
    <Group component="nav" aria-label={t('nav.portalLabel')} gap={4} mb="lg" wrap="wrap">
      {portalNavigation.map((item) => (
        <Button
          key={item.to}
          component={Link}
          to={item.to}
          size="compact-md"
          variant={item.to === active ? 'light' : 'subtle'}
          color={item.to === active ? 'tend' : 'gray'}
          leftSection={<item.icon size={16} stroke={1.6} aria-hidden />}
          aria-current={item.to === active ? 'page' : undefined}
        >
          {t(item.label)}
        </Button>
      ))}
    </Group>
  );
}
