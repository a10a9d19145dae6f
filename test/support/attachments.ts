import type { TestServer } from './app.js';
import type { Desk } from './desk.js';
import { type Caller, call } from './http.js';

/** Helpers for attachment tests: open a ticket, upload raw bytes, download. */
export function attachmentHelpers(server: () => TestServer, desk: () => Desk) {
  const open = async (caller: Caller = desk().callers.requester, extra: Record<string, unknown> = {}) =>
    (
      await call(server().app, caller, 'POST', '/api/v1/tickets', {
        subject: 'Screen flickers',
        description: 'See the photo.',
        ...extra,
      })
    ).body;
  const upload = (
    caller: Caller,
    ref: string,
    data: Buffer | string,
    { fileName = 'photo.png', contentType = 'image/png', visibility = 'public' } = {},
  ) =>
    call(
      server().app,
      caller,
      'POST',
      `/api/v1/tickets/${ref}/attachments?fileName=${encodeURIComponent(fileName)}&visibility=${visibility}`,
      data,
      contentType ? { 'content-type': contentType } : {},
    );
  const download = (caller: Caller, id: string, headers: Record<string, string> = {}) =>
    call(server().app, caller, 'GET', `/api/v1/attachments/${id}`, undefined, headers);
  return { open, upload, download };
}
