import type { Context } from '../../platform/actor.js';
import { type AttachmentDeps, uploadAttachment } from '../tickets/index.js';
import type { MailFile } from './parse.js';

export interface StoredFiles {
  ids: string[];
  /** Content-ID → download URL, for the inline images of the HTML body. */
  urlsByCid: Map<string, string>;
  /** Files left out (too large, empty), described for the ticket text. */
  skipped: string[];
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** The message's files on the ticket (each through the tickets feature's own upload). */
export async function storeFiles(
  deps: AttachmentDeps,
  ctx: Context,
  ticketId: string,
  files: MailFile[],
  visibility: 'public' | 'internal',
): Promise<StoredFiles> {
  const stored: StoredFiles = { ids: [], urlsByCid: new Map(), skipped: [] };
  for (const file of files) {
    if (file.content.length === 0) continue;
    if (file.content.length > deps.attachmentMaxBytes) {
      stored.skipped.push(`${file.fileName} (${megabytes(file.content.length)}, over the size limit)`);
      continue;
    }
    const attachment = await uploadAttachment(deps, ctx, ticketId, {
      fileName: file.fileName,
      visibility,
      contentType: file.contentType,
      data: file.content,
    });
    stored.ids.push(attachment.id);
    if (file.cid) stored.urlsByCid.set(file.cid, attachment.downloadUrl);
  }
  return stored;
}

function emlName(subject: string): string {
  const base = subject
    .replace(/[^\p{L}\p{N} _.-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return `${base || 'message'}.eml`;
}

/** The message exactly as received, for staff: always kept, whatever its size or state. */
export async function storeOriginal(
  deps: AttachmentDeps,
  ctx: Context,
  ticketId: string,
  raw: Buffer,
  subject: string,
): Promise<string> {
  const attachment = await uploadAttachment(
    { ...deps, attachmentMaxBytes: Number.MAX_SAFE_INTEGER },
    ctx,
    ticketId,
    { fileName: emlName(subject), visibility: 'internal', contentType: 'message/rfc822', data: raw },
  );
  return attachment.id;
}

/** The lines a ticket's text gets about files that could not be attached. */
export function skippedNote(skipped: string[]): string {
  if (skipped.length === 0) return '';
  return `\n\n[Not attached; kept in the original message: ${skipped.join('; ')}]`;
}
