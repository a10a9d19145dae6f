import { useEffect, useRef } from 'react';
import type { MessageKey } from '../i18n/t';

/**
 * Every keyboard shortcut of the staff app, in one catalogue: the help overlay (`?`) lists it, and
 * pages bind handlers to its ids with useShortcuts. A sequence is a list of keys pressed one after the
 * other ("g" then "q"); a key is a KeyboardEvent.key, or "mod+k" for Ctrl+K / ⌘K.
 */
export type ShortcutScope = 'global' | 'queue' | 'ticket';

export type ShortcutId =
  | 'palette'
  | 'help'
  | 'search'
  | 'goQueue'
  | 'goHome'
  | 'newTicket'
  | 'next'
  | 'previous'
  | 'open'
  | 'select'
  | 'reply'
  | 'note'
  | 'escalate';

export type Shortcut = {
  id: ShortcutId;
  scope: ShortcutScope;
  /** Alternatives: any one of these sequences triggers it. */
  sequences: string[][];
  label: MessageKey;
};

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'palette', scope: 'global', sequences: [['mod+k']], label: 'shortcuts.palette' },
  { id: 'help', scope: 'global', sequences: [['?']], label: 'shortcuts.help' },
  { id: 'search', scope: 'global', sequences: [['/']], label: 'shortcuts.search' },
  { id: 'goQueue', scope: 'global', sequences: [['g', 'q']], label: 'shortcuts.goQueue' },
  { id: 'goHome', scope: 'global', sequences: [['g', 'h']], label: 'shortcuts.goHome' },
  { id: 'newTicket', scope: 'global', sequences: [['c']], label: 'shortcuts.newTicket' },
  { id: 'next', scope: 'queue', sequences: [['j']], label: 'shortcuts.next' },
  { id: 'previous', scope: 'queue', sequences: [['k']], label: 'shortcuts.previous' },
  { id: 'open', scope: 'queue', sequences: [['Enter'], ['o']], label: 'shortcuts.open' },
  { id: 'select', scope: 'queue', sequences: [['x']], label: 'shortcuts.select' },
  { id: 'reply', scope: 'ticket', sequences: [['r']], label: 'shortcuts.reply' },
  { id: 'note', scope: 'ticket', sequences: [['n']], label: 'shortcuts.note' },
  { id: 'escalate', scope: 'ticket', sequences: [['e']], label: 'shortcuts.escalate' },
];

export const SHORTCUT_SCOPES: readonly ShortcutScope[] = ['global', 'queue', 'ticket'];

export const isMac = (): boolean =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** A key as printed on a keycap: "mod+k" → "Ctrl + K" (or "⌘ + K" on a Mac). */
export function keyLabel(key: string): string {
  if (key === 'mod+k') return `${isMac() ? '⌘' : 'Ctrl'} + K`;
  return key.length === 1 ? key.toUpperCase() : key;
}

const TYPING_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton']);

/** Shortcuts never fire while someone types: in a field, an editor, or a list box's search. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  return TYPING_ROLES.has(target.getAttribute('role') ?? '');
}

/** While a dialog is open, the page under it keeps still; only the dialog's own keys work. */
const dialogOpen = (): boolean => document.querySelector('[role="dialog"]') !== null;

/** Enter on a link, button or checkbox is theirs (the browser activates them). */
const activatesItself = (target: EventTarget | null): boolean =>
  target instanceof Element &&
  target.closest('a, button, [role="button"], [role="checkbox"], [role="menuitem"], [role="option"]') !==
    null;

function matches(event: KeyboardEvent, key: string): boolean {
  if (key === 'mod+k') return (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  if (key === 'Enter' && activatesItself(event.target)) return false;
  return event.key === key;
}

type Match = { shortcut: Shortcut; complete: boolean; key: string };

/** The shortcut this key continues (after `typed`, the keys of a sequence so far), if any. */
function findMatch(shortcuts: Shortcut[], typed: string[], event: KeyboardEvent): Match | null {
  for (const shortcut of shortcuts) {
    for (const sequence of shortcut.sequences) {
      const key = sequence[typed.length];
      if (key === undefined || !matches(event, key)) continue;
      if (!typed.every((done, index) => sequence[index] === done)) continue;
      return { shortcut, complete: sequence.length === typed.length + 1, key };
    }
  }
  return null;
}

export type ShortcutHandlers = Partial<Record<ShortcutId, (event: KeyboardEvent) => void>>;

type Options = {
  /** Let this key work while a dialog is open (the palette's own toggle, the help overlay). */
  inDialogs?: ShortcutId[];
  enabled?: boolean;
};

const SEQUENCE_TIMEOUT_MS = 1200;

/**
 * Bind handlers to catalogue shortcuts while the component is mounted. Keys typed into fields, keys
 * with modifiers (other than mod+k) and keys under an open dialog are ignored; "g" then "q" must
 * follow within a moment.
 */
export function useShortcuts(handlers: ShortcutHandlers, options: Options = {}): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  const { enabled = true } = options;
  const inDialogs = (options.inDialogs ?? []).join(',');

  useEffect(() => {
    if (!enabled) return;
    const allowedInDialogs = new Set(inDialogs.split(',').filter(Boolean));
    let pending: string[] = [];
    let pendingAt = 0;

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      const inDialog = dialogOpen();
      const bound = SHORTCUTS.filter(
        (shortcut) => latest.current[shortcut.id] && (!inDialog || allowedInDialogs.has(shortcut.id)),
      );
      const begun = Date.now() - pendingAt > SEQUENCE_TIMEOUT_MS ? [] : pending;
      // A key that does not continue the sequence begun may still start one of its own.
      const continued = begun.length ? findMatch(bound, begun, event) : null;
      const match = continued ?? findMatch(bound, [], event);
      pending = [];
      if (!match) return;
      event.preventDefault();
      if (match.complete) {
        latest.current[match.shortcut.id]?.(event);
        return;
      }
      pending = [...(continued ? begun : []), match.key];
      pendingAt = Date.now();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled, inDialogs]);
}
