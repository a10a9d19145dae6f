import {
  type CSSVariablesResolver,
  createTheme,
  localStorageColorSchemeManager,
  type MantineColorsTuple,
} from '@mantine/core';
import { t } from '../i18n/t';

/** A calm teal, with shades 6+ dark enough for white text at WCAG AA. */
const tend: MantineColorsTuple = [
  '#e6f7f4',
  '#cdeee8',
  '#9cdcd0',
  '#67c9b7',
  '#3db8a2',
  '#22ad95',
  '#0b7d6b',
  '#086b5c',
  '#065a4d',
  '#04463c',
];

export const theme = createTheme({
  primaryColor: 'tend',
  primaryShade: { light: 6, dark: 7 },
  colors: { tend },
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
    CloseButton: { defaultProps: { 'aria-label': t('common.close') } },
  },
});

/** Colours the app uses for tinted ("light") and outline badges, alerts and nav links. */
const ACCENTS = ['tend', 'gray', 'red', 'blue'] as const;

/** Text on tinted backgrounds: Mantine's shade 6 (light) / 4 (dark) falls short of 4.5:1 for some hues. */
function accentText(scheme: 'light' | 'dark'): Record<string, string> {
  const shade = scheme === 'light' ? 9 : 3;
  return Object.fromEntries(
    ACCENTS.flatMap((color) => [
      [
        `--mantine-color-${color}-light-color`,
        `var(--mantine-color-${color}-${color === 'tend' && scheme === 'light' ? 7 : shade})`,
      ],
      [`--mantine-color-${color}-outline`, `var(--mantine-color-${color}-${scheme === 'light' ? 8 : 3})`],
    ]),
  );
}

/** Mantine's default dimmed/error colours fall short of 4.5:1; use darker (light) / lighter (dark) shades. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    ...accentText('light'),
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
  },
  dark: {
    ...accentText('dark'),
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-error': 'var(--mantine-color-red-5)',
    '--mantine-color-placeholder': 'var(--mantine-color-dark-2)',
  },
});

export const COLOR_SCHEME_STORAGE_KEY = 'tend-color-scheme';
export const colorSchemeManager = localStorageColorSchemeManager({ key: COLOR_SCHEME_STORAGE_KEY });
