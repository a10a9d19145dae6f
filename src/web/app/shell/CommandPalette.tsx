import { useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { createSpotlight, Spotlight, useSpotlight } from '@mantine/spotlight';
import {
  type Icon,
  IconKeyboard,
  IconLayoutList,
  IconPlus,
  IconSearch,
  IconSunMoon,
  IconTicket,
} from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { formatTicketNumber, parseTicketNumber } from '../../../core/tickets/numbers.js';
import { useNewTicket } from '../../features/tickets/new/NewTicketContext';
import { searchForView } from '../../features/tickets/queue/search';
import { useQueueViews } from '../../features/tickets/queue/useQueueState';
import { t } from '../../i18n/t';
import { navigationFor } from '../navigation';
import { useSession } from '../session';

const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  minHeight: 0,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
} as const;

/** The palette's own store, so the staff frame (Ctrl/⌘+K, the header button) opens exactly this one. */
export const [paletteStore, palette] = createSpotlight();

type Command = { id: string; label: string; group: string; icon: Icon; keywords?: string; run: () => void };

function useCommands(): Command[] {
  const navigate = useNavigate();
  const { user } = useSession();
  const newTicket = useNewTicket();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const { builtIn, saved } = useQueueViews();
  const views = [...builtIn, ...saved].map((view) => ({
    id: `view:${view.id}`,
    label: view.name,
    group: t('palette.group.views'),
    icon: IconLayoutList,
    run: () => navigate({ to: '/tickets', search: searchForView(view) }),
  }));
  const pages = navigationFor(user.role).flatMap((section) =>
    section.items.map((item) => ({
      id: `page:${item.to}`,
      label: t(item.label),
      group: t('palette.group.pages'),
      icon: item.icon,
      run: () => navigate({ to: item.to }),
    })),
  );
  const actions = [
    {
      id: 'action:new',
      label: t('queue.newTicket'),
      icon: IconPlus,
      keywords: 'create open',
      run: newTicket.open,
    },
    {
      id: 'action:theme',
      label: t('palette.toggleTheme'),
      icon: IconSunMoon,
      keywords: 'dark light mode',
      run: () => setColorScheme(scheme === 'dark' ? 'light' : 'dark'),
    },
  ].map((action) => ({ ...action, group: t('palette.group.actions') }));
  return [...views, ...pages, ...actions];
}

function matching(commands: Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return commands.filter((command) => {
    const text = `${command.label} ${command.keywords ?? ''} ${command.group}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

function Actions({ query, onHelp }: { query: string; onHelp: () => void }) {
  const navigate = useNavigate();
  const number = parseTicketNumber(query);
  const help: Command = {
    id: 'action:help',
    label: t('palette.shortcuts'),
    group: t('palette.group.actions'),
    icon: IconKeyboard,
    keywords: 'keys keyboard help',
    run: onHelp,
  };
  const found = matching([...useCommands(), help], query);
  const groups = [...new Set(found.map((command) => command.group))];
  return (
    <Spotlight.ActionsList aria-label={t('palette.label')}>
      {number !== null && (
        <Spotlight.ActionsGroup label={t('palette.group.ticket')}>
          <Spotlight.Action
            label={t('palette.openTicket', { number: formatTicketNumber(number) })}
            description={t('palette.openTicketHint')}
            leftSection={<IconTicket size={18} aria-hidden />}
            onClick={() => navigate({ to: '/tickets/$ref', params: { ref: formatTicketNumber(number) } })}
          />
        </Spotlight.ActionsGroup>
      )}
      {groups.map((group) => (
        <Spotlight.ActionsGroup key={group} label={group}>
          {found
            .filter((command) => command.group === group)
            .map((command) => (
              <Spotlight.Action
                key={command.id}
                label={command.label}
                leftSection={<command.icon size={18} aria-hidden />}
                onClick={command.run}
              />
            ))}
        </Spotlight.ActionsGroup>
      ))}
      {number === null && found.length === 0 && <Spotlight.Empty>{t('palette.nothing')}</Spotlight.Empty>}
    </Spotlight.ActionsList>
  );
}

/**
 * Ctrl/⌘+K: jump to a ticket by number, to a view or a page, or run an action (new ticket, theme).
 * The list is built only while the palette is open (saved views are fetched then).
 */
export function CommandPalette({ onHelp }: { onHelp: () => void }) {
  const [query, setQuery] = useState('');
  const { opened } = useSpotlight(paletteStore);
  return (
    <Spotlight.Root
      store={paletteStore}
      query={query}
      onQueryChange={setQuery}
      shortcut="mod + K"
      scrollable
      maxHeight={400}
      title={t('palette.label')}
      // The title names the dialog for screen readers only; the search box speaks for itself. The selected
      // action's description is dimmed by opacity by default, which falls below AA on the accent.
      styles={{ header: VISUALLY_HIDDEN, actionDescription: { opacity: 1 } }}
    >
      <Spotlight.Search
        placeholder={t('palette.placeholder')}
        aria-label={t('palette.label')}
        leftSection={<IconSearch size={18} aria-hidden />}
      />
      {opened && <Actions query={query} onHelp={onHelp} />}
    </Spotlight.Root>
  );
}
