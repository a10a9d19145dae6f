import { z } from 'zod';
import { email, id, instant, newPassword, role } from './common.js';
import { organisation, user } from './directory.js';

export const session = z.object({
  user,
  organisation,
  csrfToken: z.string().describe('send back as the X-CSRF-Token header on cookie-authenticated writes'),
  expiresAt: instant,
});
export type Session = z.infer<typeof session>;

export const login = z.strictObject({ email, password: z.string().min(1).max(256) });

export const setupStatus = z.object({ needsSetup: z.boolean() });
export const setup = z.strictObject({
  organisationName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('the provider organisation (your support team)'),
  name: z.string().trim().min(1).max(200),
  email,
  password: newPassword,
});

export const passwordResetRequest = z.strictObject({ email });
export const passwordResetConfirm = z.strictObject({
  token: z.string().min(10).max(200),
  password: newPassword,
});
export const changePassword = z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword });

export const tokenScopes = ['read', 'write', 'admin', 'email:inbound'] as const;
export const tokenScope = z.enum(tokenScopes);
export type TokenScope = z.infer<typeof tokenScope>;

export const apiToken = z.object({
  id,
  name: z.string(),
  prefix: z.string().describe('the first characters of the token, to recognise it'),
  scopes: z.array(tokenScope),
  expiresAt: instant.nullable(),
  lastUsedAt: instant.nullable(),
  revokedAt: instant.nullable(),
  createdAt: instant,
});
export type ApiToken = z.infer<typeof apiToken>;

export const createApiToken = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(tokenScope).min(1).max(tokenScopes.length),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(90).describe('null: never expires'),
});
export const createdApiToken = z.object({
  token: apiToken,
  secret: z.string().describe('the token itself: shown once, never retrievable again'),
});
export const apiTokenList = z.object({ items: z.array(apiToken) });

/** The caller as the API sees it, straight from authentication (no database read of its own). */
export const whoami = z.object({
  userId: id,
  role: role,
  organisationId: id,
  method: z.enum(['session', 'token']),
  scopes: z
    .array(tokenScope)
    .nullable()
    .describe("an API token's scopes; null for a browser session (everything)"),
});
