import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Ticket } from '../../../contracts/tickets.js';
import { t } from '../../i18n/t';
import { FormError } from '../../ui/FormError';
import { requiredText, useServerErrors } from '../../ui/serverErrors';
import { useReply } from './api';
import { FilesField } from './FilesField';

/** What a reply does to the ticket, said before it is sent. */
function replyHint(ticket: Ticket): string | null {
  if (ticket.status === 'pending_customer') return t('portal.replyHint.waiting');
  if (ticket.status === 'resolved') return t('portal.replyHint.resolved');
  return null;
}

export function ReplyForm({ ticket }: { ticket: Ticket }) {
  const [files, setFiles] = useState<File[]>([]);
  const form = useForm({ initialValues: { body: '' }, validate: { body: requiredText } });
  const serverErrors = useServerErrors(form, { attachmentIds: 'body' });
  const reply = useReply(ticket.number);
  const hint = replyHint(ticket);

  const submit = form.onSubmit(({ body }) => {
    serverErrors.clear();
    reply.mutate(
      { body, files },
      {
        onSuccess: () => {
          form.reset();
          setFiles([]);
          notifications.show({ color: 'tend', message: t('portal.replySent') });
        },
        onError: (error) => serverErrors.show(error),
      },
    );
  });

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="reply-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="reply-heading">
            {t('portal.reply')}
          </Title>
          {hint && (
            <Text size="sm" c="dimmed">
              {hint}
            </Text>
          )}
          <FormError message={serverErrors.message} />
          <Textarea
            label={t('portal.replyLabel')}
            autosize
            minRows={3}
            maxRows={12}
            required
            {...form.getInputProps('body')}
          />
          <FilesField value={files} onChange={setFiles} disabled={reply.isPending} />
          <Group justify="flex-end">
            <Button type="submit" loading={reply.isPending}>
              {t('portal.sendReply')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
