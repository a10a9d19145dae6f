import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { passwordTokens } from '../../db/schema/index.js';
import { randomSecret } from '../../platform/ids.js';
import { digest } from '../../platform/secrets.js';

export type PasswordTokenPurpose = 'reset' | 'invite';

const LIFETIME_MS: Record<PasswordTokenPurpose, number> = {
  reset: 60 * 60 * 1000,
  invite: 7 * 24 * 60 * 60 * 1000,
};

/** Issue a one-time token (only its digest is stored); earlier unused tokens of the user lapse. */
export async function issuePasswordToken(
  executor: Executor,
  userId: string,
  purpose: PasswordTokenPurpose,
  now: Date,
): Promise<string> {
  await executor
    .update(passwordTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)));
  const secret = randomSecret(32);
  await executor.insert(passwordTokens).values({
    tokenHash: digest(secret),
    userId,
    purpose,
    createdAt: now,
    expiresAt: new Date(now.getTime() + LIFETIME_MS[purpose]),
  });
  return secret;
}

/** Mark a token used and return its user, or null when unknown, used or expired. */
export async function consumePasswordToken(
  executor: Executor,
  secret: string,
  now: Date,
): Promise<string | null> {
  const [row] = await executor
    .update(passwordTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(passwordTokens.tokenHash, digest(secret)),
        isNull(passwordTokens.usedAt),
        gt(passwordTokens.expiresAt, now),
      ),
    )
    .returning({ userId: passwordTokens.userId });
  return row?.userId ?? null;
}
