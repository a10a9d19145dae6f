import { z } from 'zod';
import { id, instant, page } from './common.js';

export const attachmentVisibility = z.enum(['public', 'internal']);

export const attachment = z.object({
  id,
  ticketId: id,
  messageId: id.nullable().describe('the reply or note it was sent with, once linked'),
  fileName: z.string().describe('sanitised: one path segment, no control characters, at most 200 bytes'),
  contentType: z.string().describe('as the uploader declared it; downloads may be octet-stream'),
  size: z.number().int().describe('bytes'),
  sha256: z.string().describe('hex digest of the content; also the download’s ETag'),
  visibility: attachmentVisibility,
  uploadedBy: id.nullable(),
  createdAt: instant,
  downloadUrl: z.string(),
});
export type Attachment = z.infer<typeof attachment>;
export const attachmentPage = page(attachment);

export const uploadAttachmentQuery = z.strictObject({
  fileName: z
    .string()
    .min(1)
    .max(1000)
    .describe('the original name; stored sanitised (no directories, reserved or hidden names)'),
  visibility: attachmentVisibility
    .default('public')
    .describe('internal: staff only, never shown to customers'),
});

export const attachmentIdParams = z.strictObject({ id });

/** `attachmentIds` of a new message: files uploaded to that ticket by the same user, not yet sent. */
export const messageAttachmentIds = z
  .array(id)
  .max(20)
  .refine((ids) => new Set(ids).size === ids.length, 'lists an attachment twice')
  .describe('attachments you uploaded to this ticket and have not sent yet; a note’s must be internal');
