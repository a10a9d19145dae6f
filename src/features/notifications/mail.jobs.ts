import { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { JobDefinition } from '../../jobs/worker.js';
import type { Mailer, MailMessage } from '../../platform/mailer.js';

export const SEND_MAIL_TASK = 'mail.send';

const payloadSchema = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  messageId: z.string().optional(),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).optional(),
  replyTo: z.string().optional(),
  attachments: z
    .array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() }))
    .optional(),
});

/** Queue a mail in the caller's transaction; the worker sends it with retries and backoff. */
export async function queueMail(executor: Executor, message: MailMessage, jobKey?: string): Promise<void> {
  await enqueueJob(
    executor,
    SEND_MAIL_TASK,
    { ...message },
    { maxAttempts: 10, ...(jobKey ? { jobKey } : {}) },
  );
}

export function mailJobs(mailer: Mailer): JobDefinition[] {
  return [
    {
      name: SEND_MAIL_TASK,
      async handler(payload, { log }) {
        const message = payloadSchema.parse(payload);
        const { messageId } = await mailer.send(message);
        log.info({ to: message.to, subject: message.subject, messageId }, 'mail sent');
      },
    },
  ];
}
