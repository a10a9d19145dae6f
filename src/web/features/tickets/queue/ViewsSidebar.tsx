import {
  ActionIcon,
  Badge,
  Group,
  Menu,
  Skeleton,
  Stack,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconDots, IconPencil, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import type { SavedView } from '../../../../contracts/ticket-views.js';
import { RouterNavLink } from '../../../app/links';
import { t } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { type QueueView, searchForView } from './search';

export type ViewActions = {
  edit: (view: SavedView) => void;
  remove: (view: SavedView) => void;
};

type Props = {
  activeId: string | undefined;
  builtIn: QueueView[];
  saved: QueueView[];
  teamName: (id: string) => string;
  status: { isPending: boolean; error: unknown; refetch: () => unknown };
  actions: ViewActions;
};

function Count({ view }: { view: SavedView }) {
  if (view.count === null) {
    return (
      <Tooltip label={t('queue.view.countInvalid')}>
        <Badge variant="outline" color="red" size="sm">
          !<VisuallyHidden>{t('queue.view.countInvalid')}</VisuallyHidden>
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Badge variant="light" color="gray" size="sm" data-testid="view-count">
      {view.count}
      <VisuallyHidden>{t('queue.view.countSuffix')}</VisuallyHidden>
    </Badge>
  );
}

function ViewMenu({ view, actions }: { view: SavedView; actions: ViewActions }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('queue.viewMenu', { name: view.name })}>
          <IconDots size={16} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => actions.edit(view)}>
          {t('queue.renameView')}
        </Menu.Item>
        <Menu.Item leftSection={<IconUsersGroup size={16} aria-hidden />} onClick={() => actions.edit(view)}>
          {view.teamId ? t('queue.unshareView') : t('queue.shareView')}
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconTrash size={16} aria-hidden />}
          onClick={() => actions.remove(view)}
        >
          {t('queue.deleteView')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function ViewLink({ view, active, actions }: { view: QueueView; active: boolean; actions: ViewActions }) {
  const link = (
    <RouterNavLink
      to="/tickets"
      search={searchForView(view)}
      label={view.name}
      active={active}
      aria-current={active ? 'page' : undefined}
      rightSection={view.saved ? <Count view={view.saved} /> : undefined}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );
  if (!view.saved) return link;
  return (
    <Group gap={2} wrap="nowrap">
      <div style={{ flex: 1, minWidth: 0 }}>{link}</div>
      <ViewMenu view={view.saved} actions={actions} />
    </Group>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4} component="h2">
        {title}
      </Text>
      <Stack gap={2}>{children}</Stack>
    </div>
  );
}

/** Built-in views, then my saved views, then each team's shared views, with live counts. */
export function ViewsSidebar({ activeId, builtIn, saved, teamName, status, actions }: Props) {
  const mine = saved.filter((view) => view.saved?.ownerId);
  const teamIds = [...new Set(saved.flatMap((view) => (view.saved?.teamId ? [view.saved.teamId] : [])))];
  const link = (view: QueueView) => (
    <ViewLink key={view.id} view={view} active={view.id === activeId} actions={actions} />
  );
  return (
    <Stack gap="lg" component="nav" aria-label={t('queue.views')}>
      <Section title={t('queue.builtInViews')}>{builtIn.map(link)}</Section>
      <Section title={t('queue.myViews')}>
        {status.isPending && <Skeleton height={28} />}
        {Boolean(status.error) && (
          <ErrorAlert error={status.error} title={t('queue.viewsError')} onRetry={status.refetch} />
        )}
        {!status.isPending && !status.error && mine.length === 0 && (
          <Text size="sm" c="dimmed" px="sm">
            {t('queue.noSavedViews')}
          </Text>
        )}
        {mine.map(link)}
      </Section>
      {teamIds.map((teamId) => (
        <Section key={teamId} title={t('queue.teamViews', { team: teamName(teamId) })}>
          {saved.filter((view) => view.saved?.teamId === teamId).map(link)}
        </Section>
      ))}
    </Stack>
  );
}
