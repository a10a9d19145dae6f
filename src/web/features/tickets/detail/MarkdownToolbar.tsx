import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconBold, IconCode, IconItalic, IconLink, IconList, IconListNumbers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { t } from '../../../i18n/t';

/** What a toolbar button does to the selected text: wrap it, or prefix each of its lines. */
type Format =
  | { wrap: [string, string]; placeholder: () => string }
  | { linePrefix: (index: number) => string };

export type FormatName = 'bold' | 'italic' | 'code' | 'link' | 'bullets' | 'numbers';

const FORMATS: Record<FormatName, Format> = {
  bold: { wrap: ['**', '**'], placeholder: () => t('ticket.composer.placeholder.bold') },
  italic: { wrap: ['*', '*'], placeholder: () => t('ticket.composer.placeholder.italic') },
  code: { wrap: ['`', '`'], placeholder: () => t('ticket.composer.placeholder.code') },
  link: { wrap: ['[', '](https://)'], placeholder: () => t('ticket.composer.placeholder.link') },
  bullets: { linePrefix: () => '- ' },
  numbers: { linePrefix: (index) => `${index + 1}. ` },
};

/** Apply a format to `text` between `start` and `end`; returns the new text and the new selection. */
export function applyFormat(
  text: string,
  start: number,
  end: number,
  name: FormatName,
): { text: string; start: number; end: number } {
  const format = FORMATS[name];
  const selected = text.slice(start, end);
  if ('wrap' in format) {
    const [before, after] = format.wrap;
    const inner = selected || format.placeholder();
    const next = `${text.slice(0, start)}${before}${inner}${after}${text.slice(end)}`;
    return { text: next, start: start + before.length, end: start + before.length + inner.length };
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const block = text.slice(lineStart, end) || '';
  const lines = block.split('\n').map((line, index) => `${format.linePrefix(index)}${line}`);
  const replaced = lines.join('\n');
  const next = `${text.slice(0, lineStart)}${replaced}${text.slice(end)}`;
  return { text: next, start: lineStart + replaced.length, end: lineStart + replaced.length };
}

type Props = { onFormat: (name: FormatName) => void; disabled?: boolean };

const label = (name: FormatName) => t(`ticket.composer.format.${name}`);

const ICONS: Record<FormatName, ReactNode> = {
  bold: <IconBold size={16} aria-hidden />,
  italic: <IconItalic size={16} aria-hidden />,
  code: <IconCode size={16} aria-hidden />,
  link: <IconLink size={16} aria-hidden />,
  bullets: <IconList size={16} aria-hidden />,
  numbers: <IconListNumbers size={16} aria-hidden />,
};

/** Small Markdown helpers above the text box; the text box stays plain text, so nothing is hidden. */
export function MarkdownToolbar({ onFormat, disabled }: Props) {
  return (
    <Group gap={4} role="group" aria-label={t('ticket.composer.formatting')}>
      {(Object.keys(FORMATS) as FormatName[]).map((name) => (
        <Tooltip key={name} label={label(name)}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={label(name)}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onFormat(name)}
            disabled={disabled}
          >
            {ICONS[name]}
          </ActionIcon>
        </Tooltip>
      ))}
    </Group>
  );
}
