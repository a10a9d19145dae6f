import { describe, expect, it } from 'vitest';
import { visibleText } from './visible.js';

describe('visibleText: what the author wrote, without quotes and signature', () => {
  it.each([
    [
      'Gmail',
      'Yes, works.\n\nOn Tue, 5 Mar 2030 at 09:30, Support <s@x.example> wrote:\n> old',
      'Yes, works.',
    ],
    [
      'Gmail, wrapped',
      'Yes.\n\nOn Tue, 5 Mar 2030 at 09:30, A Very Long Name\n<s@x.example> wrote:\n> old',
      'Yes.',
    ],
    ['Apple Mail, German', 'Ja.\n\nAm 19.03.2030 um 17:00 schrieb Support <s@x.example>:\n> alt', 'Ja.'],
    ['Thunderbird, French', 'Oui.\n\nLe 19/03/2030 à 17:00, Support a écrit :\n> ancien', 'Oui.'],
    [
      'Outlook',
      'Done.\n\n________________________________\nFrom: Support <s@x.example>\nSent: Tuesday\nSubject: x',
      'Done.',
    ],
    [
      'Outlook, German headers',
      'Erledigt.\n\nVon: Support <s@x.example>\nGesendet: Dienstag\nBetreff: x',
      'Erledigt.',
    ],
    ['Original Message', 'Fine.\n-----Original Message-----\nFrom: x', 'Fine.'],
    ['our marker', 'Thanks!\n\n##- Please type your reply above this line -##\nold text', 'Thanks!'],
    ['trailing quote', 'Agreed.\n\n> earlier\n> text\n', 'Agreed.'],
    ['signature', 'Hello\n\n-- \nJane | Acme', 'Hello'],
    ['phone', 'Sure.\n\nSent from my iPhone', 'Sure.'],
    [
      'inline answers stay',
      '> question?\nanswer.\n> next?\nsecond answer.',
      '> question?\nanswer.\n> next?\nsecond answer.',
    ],
    [
      'a sentence ending in wrote: without date or address stays',
      'The manual wrote:\nrestart it',
      'The manual wrote:\nrestart it',
    ],
    [
      'only a quote keeps all',
      'On Tue, 5 Mar 2030, X <x@y.example> wrote:\n> all',
      'On Tue, 5 Mar 2030, X <x@y.example> wrote:\n> all',
    ],
  ])('%s', (_name, text, expected) => {
    expect(visibleText(text)).toBe(expected);
  });
});
