import { createHash } from 'node:crypto';
import type { Attachment } from '../../contracts/ticket-attachments.js';
import {
  attachmentDisposition,
  downloadContentType,
  normaliseContentType,
  sanitizeFileName,
} from '../../core/files/index.js';
import type { Executor } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import { AppError, notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { recordAudit } from '../audit/index.js';
import { publishEvent } from '../outbox/index.js';
import {
  type AttachmentRow,
  findVisibleAttachment,
  insertAttachment,
  listAttachmentRows,
  readBlob,
  setAttachmentsMessage,
  storeBlob,
  unsentAttachments,
} from './attachments.repo.js';
import { authorizeTicket, canDo } from './tickets.policy.js';
import { addHistory, updateTicketRow } from './tickets.repo.js';
import { loadTicket, type TicketDeps } from './tickets.service.js';

export interface AttachmentDeps extends TicketDeps {
  /** Largest file accepted, in bytes (TEND_ATTACHMENT_MAX_MB). */
  attachmentMaxBytes: number;
}

export interface Upload {
  fileName: string;
  visibility: 'public' | 'internal';
  contentType: string | undefined;
  data: Buffer | undefined;
}

export function presentAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    ticketId: row.ticketId,
    messageId: row.messageId,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.blobSha256,
    visibility: row.visibility,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
    downloadUrl: `/api/v1/attachments/${row.id}`,
  };
}

export function attachmentTooLarge(maxBytes: number): AppError {
  const mb = Math.round((maxBytes / 1024 / 1024) * 100) / 100;
  return new AppError('too_large', 'attachments.too_large', `attachments may be at most ${mb} MB`, {
    maxBytes,
  });
}

function checkUpload(deps: AttachmentDeps, upload: Upload): Buffer {
  const data = upload.data;
  if (!data || data.length === 0)
    throw validationError([{ path: 'body', message: 'is empty; send the file’s bytes as the request body' }]);
  if (data.length > deps.attachmentMaxBytes) throw attachmentTooLarge(deps.attachmentMaxBytes);
  return data;
}

/** Store a file (once per distinct content) and attach it to a ticket the caller can see. */
export async function uploadAttachment(deps: AttachmentDeps, ctx: Context, ref: string, upload: Upload) {
  const data = checkUpload(deps, upload);
  const sha256 = createHash('sha256').update(data).digest('hex');
  return await deps.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, ctx, ref, true);
    if (upload.visibility === 'internal') authorizeTicket(ctx.actor, 'ticket.note');
    if (ticket.status === 'closed')
      throw new AppError(
        'unprocessable',
        'tickets.closed',
        'this ticket is closed; open a new ticket instead',
      );
    await storeBlob(tx, sha256, data, ctx.now);
    const row = await insertAttachment(tx, {
      id: uuidv7(ctx.now.getTime()),
      ticketId: ticket.id,
      blobSha256: sha256,
      fileName: sanitizeFileName(upload.fileName),
      contentType: normaliseContentType(upload.contentType),
      size: data.length,
      visibility: upload.visibility,
      uploadedBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
    await updateTicketRow(tx, ticket.id, null, { updatedAt: ctx.now });
    const attachment = presentAttachment(row);
    const internal = row.visibility === 'internal';
    await addHistory(
      tx,
      ctx,
      ticket.id,
      'attachment',
      { attachmentId: row.id, fileName: row.fileName },
      internal,
    );
    await recordAudit(tx, ctx, {
      action: 'ticket.attachment_added',
      entityType: 'ticket',
      entityId: ticket.id,
      organisationId: ticket.organisationId,
      after: attachment,
    });
    await publishEvent(tx, ctx, {
      type: 'ticket.updated',
      aggregateType: 'ticket',
      aggregateId: ticket.id,
      organisationId: ticket.organisationId,
      payload: { ticketId: ticket.id, attachment, ...(internal ? { internal: true } : {}) },
    });
    return attachment;
  });
}

export async function listTicketAttachments(
  deps: TicketDeps,
  ctx: Context,
  ref: string,
  options: { limit: number; cursor?: string },
) {
  const ticket = await loadTicket(deps.db, ctx, ref);
  const cursor = decodeCursor(options.cursor);
  if (cursor && Number.isNaN(new Date(String(cursor.v)).getTime()))
    throw validationError([{ path: 'query.cursor', message: 'is not a cursor this server issued' }]);
  const rows = await listAttachmentRows(deps.db, ticket.id, canDo(ctx.actor, 'ticket.read_internal'), {
    limit: options.limit,
    cursor,
  });
  const page = pageOf(rows, options.limit, (row) => ({ v: row.createdAt.toISOString(), id: row.id }));
  return { items: page.items.map(presentAttachment), nextCursor: page.nextCursor };
}

/** The file and the headers that make it a download, never a page the browser renders. */
export async function downloadAttachment(deps: TicketDeps, ctx: Context, id: string) {
  const row = await findVisibleAttachment(deps.db, ctx.actor, id, canDo(ctx.actor, 'ticket.read_internal'));
  if (!row) throw notFound('attachment');
  const data = await readBlob(deps.db, row.blobSha256);
  if (!data) throw notFound('attachment');
  return {
    data,
    etag: `"${row.blobSha256}"`,
    headers: {
      'content-type': downloadContentType(row.contentType),
      'content-disposition': attachmentDisposition(row.fileName),
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, max-age=0',
      'x-content-type-options': 'nosniff',
    },
  };
}

/**
 * Send attachments with a new message: each must be this user's, on this ticket, not yet sent,
 * and of the message's visibility (an internal note cannot carry a public file, nor a public
 * reply an internal one).
 */
export async function attachToMessage(
  tx: Executor,
  ctx: Context,
  ticketId: string,
  message: { id: string; visibility: 'public' | 'internal' },
  ids: readonly string[] | undefined,
): Promise<string[]> {
  if (!ids || ids.length === 0) return [];
  const found = await unsentAttachments(tx, ticketId, ctx.actor.userId, [...ids]);
  const byId = new Map(found.map((row) => [row.id, row]));
  const problems = ids.flatMap((id, index) => {
    const row = byId.get(id);
    const path = `body.attachmentIds.${index}`;
    if (!row)
      return [{ path, message: 'is not an attachment you uploaded to this ticket and have not sent' }];
    if (row.visibility !== message.visibility)
      return [{ path, message: `is ${row.visibility}; this message is ${message.visibility}` }];
    return [];
  });
  if (problems.length > 0) throw validationError(problems);
  await setAttachmentsMessage(tx, [...ids], message.id);
  return [...ids];
}
