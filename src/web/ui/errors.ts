import { ApiError } from '../app/api';
import { t, tMaybe } from '../i18n/t';

function lockedMessage(error: ApiError): string {
  const seconds = Number(error.details.retryAfterSeconds);
  const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15;
  return t('errors.auth.locked', { minutes });
}

/** Server messages are written as lower-case phrases ("a team with this name exists"). */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed ? trimmed[0]!.toUpperCase() + trimmed.slice(1) : '';
}

function byStatus(error: ApiError): string {
  if (error.status === 0) return t('errors.network');
  if (error.code === 'validation_failed') return t('errors.validation');
  if (error.status === 400 || error.status === 422) return sentence(error.message) || t('errors.validation');
  if (error.status === 403) return t('errors.forbidden');
  if (error.status === 404) return t('errors.notFound');
  if (error.status === 409) return sentence(error.message) || t('errors.conflict');
  if (error.status === 429) return t('errors.rateLimited');
  return t('errors.generic');
}

/**
 * A sentence a person can act on, for any error. Known codes have their own wording; otherwise the
 * server's message for client errors (it is written for people), a generic hint for the rest.
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  if (error.code === 'auth.locked') return lockedMessage(error);
  return tMaybe(`errors.${error.code}`) ?? byStatus(error);
}
