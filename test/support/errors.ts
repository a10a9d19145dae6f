import { expect } from 'vitest';

/** The one error shape: exactly `{error: {code, message, details?}}`, a dotted code, a message. */
export function expectErrorShape(body: any): void {
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).filter((key) => !['code', 'message', 'details'].includes(key))).toEqual([]);
  expect(body.error.code).toMatch(/^[a-z_]+(\.[a-z_]+)*$/);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.message.length).toBeGreaterThan(0);
}

/** A 400 validation_failed whose details.fields name `field`. */
export function expectFieldError(response: { status: number; body: any }, field: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expectErrorShape(response.body);
  expect(response.body.error.code).toBe('validation_failed');
  expect(response.body.error.details.fields.map((entry: any) => entry.path)).toContain(field);
}
