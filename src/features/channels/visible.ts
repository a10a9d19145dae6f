import { REPLY_MARKER } from '../notifications/index.js';

/**
 * The part of a reply its author wrote: above the quoted history ("On … wrote:", Outlook's
 * "From: … Sent: …" block, "-----Original Message-----", our own reply marker, a trailing block of
 * "> " lines) and above the signature ("-- " or a "Sent from my phone" line). When nothing is
 * left, the whole text is kept: losing words is worse than showing a quote.
 */

const QUOTE_HEADERS: RegExp[] = [
  // English, German, French, Spanish, Italian, Dutch, Portuguese, Swedish/Danish/Norwegian, Polish, Russian.
  /^(On|Am|Le|El|Il giorno|Op|Em|Den|Dnia|W dniu)\b.{0,300}\s(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev|napisał|пишет)(\s.{0,200})?\s*:\s*$/i,
  /^.{0,200}[@\d].{0,200}\s(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev|napisał|пишет|написал\(а\)):\s*$/i,
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Oorspronkelijk bericht|Исходное сообщение)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
];

/** Outlook's quoted header block: From: / Sent: (or Date:) on consecutive lines. */
const OUTLOOK_FROM = /^\*?(From|Von|De|Da|Van|Från|Od|От)\s*:\*?\s/i;
const OUTLOOK_SENT =
  /^\*?(Sent|Gesendet|Envoyé|Enviado|Inviato|Verzonden|Skickat|Wysłano|Отправлено|Date|Datum)\s*:\*?\s/i;

const SIGNATURE_LINES: RegExp[] = [
  /^-- ?$/,
  /^(Sent from my|Von meinem|Envoyé de mon|Enviado desde mi|Inviato da|Verzonden vanaf mijn)\b.{0,60}$/i,
  /^Get Outlook for (iOS|Android)\s*$/i,
];

function isQuoteStart(lines: string[], index: number): boolean {
  const line = lines[index]!.trim();
  if (line.includes(REPLY_MARKER)) return true;
  if (QUOTE_HEADERS.some((pattern) => pattern.test(line))) return true;
  // "On Tue, 3 Mar 2030 at 10:00, Jane Doe <jane@example.com>" wrapped onto a second line.
  const joined = `${line} ${(lines[index + 1] ?? '').trim()}`;
  if (/^(On|Am|Le)\b/i.test(line) && QUOTE_HEADERS[1]!.test(joined)) return true;
  if (OUTLOOK_FROM.test(line)) {
    const next = lines.slice(index + 1, index + 4).map((entry) => entry.trim());
    return next.some((entry) => OUTLOOK_SENT.test(entry));
  }
  return false;
}

/** Where a trailing run of quoted ("> ") and blank lines starts, if the text ends with one. */
function trailingQuoteStart(lines: string[]): number {
  let start = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('>')) start = i;
    else break;
  }
  const hasQuote = lines.slice(start).some((line) => line.trim().startsWith('>'));
  return hasQuote ? start : lines.length;
}

export function visibleText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < end; i++) {
    if (isQuoteStart(lines, i)) {
      end = i;
      break;
    }
  }
  end = Math.min(end, trailingQuoteStart(lines.slice(0, end)));
  for (let i = 0; i < end; i++) {
    if (SIGNATURE_LINES.some((pattern) => pattern.test(lines[i]!.trimEnd()))) {
      end = i;
      break;
    }
  }
  const visible = lines.slice(0, end).join('\n').trim();
  return visible === '' ? text.trim() : visible;
}
