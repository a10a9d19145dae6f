import type { Attachment } from '../../../../contracts/ticket-attachments.js';
import { ApiError, buildUrl, currentCsrfToken } from '../../../app/api';
import { t } from '../../../i18n/t';
import { errorMessage } from '../../../ui/errors';
import { fileSize } from './labels';

/**
 * Upload one file to a ticket: the raw bytes as the body (the endpoint's contract), through
 * XMLHttpRequest because fetch cannot report upload progress.
 */
export function uploadAttachment(
  ticketRef: string,
  file: File,
  visibility: 'public' | 'internal',
  onProgress: (fraction: number) => void,
): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    const url = buildUrl(`/tickets/${encodeURIComponent(ticketRef)}/attachments`, {
      fileName: file.name,
      visibility,
    });
    request.open('POST', url);
    request.withCredentials = true;
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    const csrf = currentCsrfToken();
    if (csrf) request.setRequestHeader('X-CSRF-Token', csrf);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError(0, 'network', ''));
    request.onload = () => {
      const body = parse(request.responseText);
      if (request.status === 201) return resolve(body as Attachment);
      reject(toError(request.status, body));
    };
    request.send(file);
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })
    ?.error;
  return new ApiError(status, error?.code ?? `http.${status}`, error?.message ?? '', error?.details ?? {});
}

/** What went wrong with one file, in words: "too large" says the limit. */
export function uploadProblem(error: unknown): string {
  if (error instanceof ApiError && error.status === 413) {
    const max = Number(error.details.maxBytes);
    return Number.isFinite(max) && max > 0
      ? t('ticket.composer.tooLarge', { max: fileSize(max) })
      : t('ticket.composer.tooLargeNoLimit');
  }
  return errorMessage(error);
}
