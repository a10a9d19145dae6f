import { useState } from 'react';
import { ApiError } from '../app/api';
import { t } from '../i18n/t';
import { errorMessage, sentence } from './errors';

type FormLike = { setFieldError: (path: string, error: string) => void; values: object };

/** For a list field (`domains.2`), say which entry is wrong: `"foo_bar": Must be a domain name…`. */
function withItem(value: unknown, index: string | undefined, message: string): string {
  if (!Array.isArray(value) || index === undefined || !/^\d+$/.test(index)) return message;
  const item = value[Number(index)];
  return typeof item === 'string' ? `"${item}": ${message}` : message;
}

/**
 * Put the server's validation messages on the matching form fields (`domains.2` lands on `domains`,
 * `memberIds` on the field named by `aliases`). Returns the message for whatever could not be placed,
 * or null when every problem is shown next to its field.
 */
export function applyServerErrors(
  form: FormLike,
  error: unknown,
  aliases: Record<string, string> = {},
): string | null {
  if (!(error instanceof ApiError)) return errorMessage(error);
  const fieldErrors = [...error.fieldErrors];
  const single = error.details.field;
  if (typeof single === 'string') fieldErrors.push({ path: single, message: error.message });
  if (fieldErrors.length === 0) return errorMessage(error);

  const values = form.values as Record<string, unknown>;
  const unplaced: string[] = [];
  for (const { path, message } of fieldErrors) {
    const [head = '', index] = path.split('.');
    const field = aliases[head] ?? head;
    if (field in values) form.setFieldError(field, withItem(values[field], index, sentence(message)));
    else unplaced.push(path ? `${path}: ${message}` : sentence(message));
  }
  return unplaced.length > 0 ? unplaced.join(' · ') : null;
}

/**
 * A form's submit error: `show(error)` places field problems on their fields and keeps a summary
 * for <FormError>; `clear()` before the next attempt.
 */
export function useServerErrors(form: FormLike, aliases: Record<string, string> = {}) {
  const [message, setMessage] = useState<string | null>(null);
  return {
    message,
    clear: () => setMessage(null),
    show: (error: unknown) => setMessage(applyServerErrors(form, error, aliases) ?? t('errors.validation')),
  };
}

export const requiredText = (value: string): string | null => (value.trim() ? null : t('errors.required'));

export const emailText = (value: string): string | null => {
  if (!value.trim()) return t('errors.required');
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : t('errors.invalidEmail');
};

export const newPasswordText = (value: string): string | null =>
  value.length >= 10 ? null : t('errors.passwordTooShort');
