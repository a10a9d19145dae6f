import { Button, Kbd, Text } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useNewTicket } from '../../features/tickets/new/NewTicketContext';
import { t } from '../../i18n/t';
import { keyLabel, useShortcuts } from '../shortcuts';
import { CommandPalette, palette } from './CommandPalette';
import { ShortcutsHelp } from './ShortcutsHelp';

/** The header's way into the palette, for people who do not know Ctrl/⌘+K yet. */
export function PaletteButton() {
  return (
    <Button
      variant="default"
      size="sm"
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={
        <Kbd size="xs" visibleFrom="sm">
          {keyLabel('mod+k')}
        </Kbd>
      }
      onClick={palette.open}
      aria-keyshortcuts="Control+K Meta+K"
      data-testid="palette-button"
    >
      <Text span size="sm" visibleFrom="md">
        {t('palette.open')}
      </Text>
      <Text span size="sm" hiddenFrom="md">
        {t('common.search')}
      </Text>
    </Button>
  );
}

/**
 * The staff frame's keyboard layer: the command palette, the shortcuts overlay (`?`), and the global
 * shortcuts of the catalogue (`/` search, `g q` queue, `g h` home, `c` new ticket).
 */
export function StaffTools() {
  const navigate = useNavigate();
  const newTicket = useNewTicket();
  const [helpOpen, setHelpOpen] = useState(false);
  useShortcuts(
    {
      help: () => setHelpOpen((open) => !open),
      search: () => {
        const field = document.querySelector<HTMLInputElement>('[data-shortcut-target="search"]');
        if (field) field.focus();
        else palette.open();
      },
      goQueue: () => navigate({ to: '/tickets' }),
      goHome: () => navigate({ to: '/' }),
      newTicket: newTicket.open,
    },
    { inDialogs: ['help'] },
  );
  return (
    <>
      <CommandPalette onHelp={() => setHelpOpen(true)} />
      <ShortcutsHelp opened={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}
