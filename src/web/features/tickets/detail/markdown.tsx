import { Anchor, Blockquote, Code, List, Stack, Text } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';

/**
 * A small Markdown renderer for message bodies (the API stores plain text; the composer's toolbar
 * writes Markdown). It builds React elements and never HTML strings, so nothing in a message can
 * inject markup: **bold**, *italic*, `code`, fenced code, lists, quotes and http(s)/mailto links.
 */

type Block =
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'code'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'quote'; lines: string[] };

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;
const FENCE = /^\s*```/;

function takeWhile(lines: string[], start: number, test: (line: string) => boolean): number {
  let end = start;
  while (end < lines.length && test(lines[end]!)) end++;
  return end;
}

/** One block starting at `index`, and the index after it. */
function nextBlock(lines: string[], index: number): [Block, number] {
  const line = lines[index]!;
  if (FENCE.test(line)) {
    const end = takeWhile(lines, index + 1, (next) => !FENCE.test(next));
    return [{ kind: 'code', text: lines.slice(index + 1, end).join('\n') }, end + 1];
  }
  for (const [pattern, ordered] of [
    [BULLET, false],
    [NUMBERED, true],
  ] as const) {
    if (pattern.test(line)) {
      const end = takeWhile(lines, index, (next) => pattern.test(next));
      const items = lines.slice(index, end).map((item) => pattern.exec(item)![1]!);
      return [{ kind: 'list', ordered, items }, end];
    }
  }
  if (QUOTE.test(line)) {
    const end = takeWhile(lines, index, (next) => QUOTE.test(next));
    return [{ kind: 'quote', lines: lines.slice(index, end).map((item) => QUOTE.exec(item)![1]!) }, end];
  }
  const end = takeWhile(
    lines,
    index,
    (next) => next.trim() !== '' && !FENCE.test(next) && !BULLET.test(next) && !NUMBERED.test(next),
  );
  return [
    { kind: 'paragraph', lines: lines.slice(index, Math.max(end, index + 1)) },
    Math.max(end, index + 1),
  ];
}

export function parseBlocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    if (lines[index]!.trim() === '') {
      index++;
      continue;
    }
    const [block, next] = nextBlock(lines, index);
    blocks.push(block);
    index = next;
  }
  return blocks;
}

/** Only links a person can follow safely: web pages and mail addresses. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

const INLINE =
  /(`[^`\n]+`)|(\*\*[^*\n]+\*\*)|(\*[^*\s][^*\n]*\*)|(_[^_\s][^_\n]*_)|(\[[^\]\n]+\]\([^)\s]+\))/;

function inlineToken(token: string, key: number): ReactNode {
  if (token.startsWith('`')) return <Code key={key}>{token.slice(1, -1)}</Code>;
  if (token.startsWith('**')) return <strong key={key}>{renderInline(token.slice(2, -2))}</strong>;
  if (token.startsWith('[')) {
    const [, label = '', url = ''] = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(token) ?? [];
    const href = safeHref(url);
    if (!href) return token;
    return (
      <Anchor key={key} href={href} target="_blank" rel="noopener noreferrer nofollow" underline="always">
        {label}
      </Anchor>
    );
  }
  return <em key={key}>{renderInline(token.slice(1, -1))}</em>;
}

export function renderInline(text: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let rest = text;
  let key = 0;
  for (let match = INLINE.exec(rest); match; match = INLINE.exec(rest)) {
    if (match.index > 0) nodes.push(rest.slice(0, match.index));
    nodes.push(inlineToken(match[0], key++));
    rest = rest.slice(match.index + match[0].length);
  }
  if (rest) nodes.push(rest);
  return nodes;
}

function linesWithBreaks(lines: string[]): ReactNode[] {
  return lines.map((line, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text, never reordered
    <Fragment key={index}>
      {index > 0 && <br />}
      {renderInline(line)}
    </Fragment>
  ));
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.kind) {
    case 'code':
      return (
        <Code key={key} block>
          {block.text}
        </Code>
      );
    case 'list':
      return (
        <List key={key} type={block.ordered ? 'ordered' : 'unordered'} size="sm" withPadding>
          {block.items.map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: list items of a fixed text
            <List.Item key={index}>{renderInline(item)}</List.Item>
          ))}
        </List>
      );
    case 'quote':
      return (
        <Blockquote key={key} p="xs" color="gray">
          {linesWithBreaks(block.lines)}
        </Blockquote>
      );
    default:
      return (
        <Text key={key} size="sm">
          {linesWithBreaks(block.lines)}
        </Text>
      );
  }
}

/** A message body as Markdown. */
export function Markdown({ text }: { text: string }) {
  return <Stack gap="xs">{parseBlocks(text).map(renderBlock)}</Stack>;
}
