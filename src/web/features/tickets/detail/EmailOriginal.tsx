import { Button, Stack } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useState } from 'react';
import { t } from '../../../i18n/t';
import classes from './TicketPage.module.css';
import type { InboundEmail } from './types';

/**
 * No scripts, forms or navigation of this page from inside the frame (sandbox without allow-scripts),
 * and nothing fetched but its own inline images from Tend (the CSP). Same origin only so that those
 * images load with the session; with scripts off it grants the mail nothing else.
 */
const FRAME_SANDBOX = 'allow-same-origin allow-popups allow-popups-to-escape-sandbox';
const FRAME_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

/**
 * The mail as it was formatted, on request. The server sanitises the HTML (no scripts, no remote
 * content); we still never put it into the page: it goes into a sandboxed frame of its own.
 */
export function EmailOriginal({ email }: { email: InboundEmail }) {
  const [open, setOpen] = useState(false);
  const srcDoc = `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${FRAME_POLICY}"><base target="_blank">${email.html ?? ''}`;
  return (
    <Stack gap="xs">
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconMail size={14} aria-hidden />}
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        style={{ alignSelf: 'flex-start' }}
      >
        {open ? t('ticket.conversation.hideEmail') : t('ticket.conversation.showEmail')}
      </Button>
      {open && (
        <iframe
          className={classes.emailFrame}
          title={t('ticket.conversation.emailFrame', { subject: email.subject ?? '' })}
          sandbox={FRAME_SANDBOX}
          srcDoc={srcDoc}
          referrerPolicy="no-referrer"
        />
      )}
    </Stack>
  );
}
