/**
 * Domain errors say what went wrong (a stable dotted code and a kind), never an HTTP status:
 * the HTTP layer maps kinds to statuses in one table (src/http/errors.ts).
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'unprocessable'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface FieldProblem {
  path: string;
  message: string;
}

export function validationError(fields: FieldProblem[], message?: string): AppError {
  const text = message ?? fields.map((field) => `${field.path}: ${field.message}`).join('; ');
  return new AppError('validation', 'validation_failed', text, { fields });
}

export function notFound(entity: string): AppError {
  return new AppError('not_found', `${entity}.not_found`, `${entity.replace(/_/g, ' ')} not found`);
}

export function forbidden(code = 'forbidden', message = 'you are not allowed to do this'): AppError {
  return new AppError('forbidden', code, message);
}

export function conflict(code: string, message: string, details?: Record<string, unknown>): AppError {
  return new AppError('conflict', code, message, details);
}
