import { Badge, Button, Group, Paper, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Mailbox } from '../../../../contracts/channels.js';
import { t } from '../../../i18n/t';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { EmptyState } from '../../../ui/EmptyState';
import { formatDateTime } from '../../../ui/format';
import { ListContent } from '../../../ui/lists';
import { PageHeader } from '../../../ui/PageHeader';
import { StatusBadge } from '../../../ui/StatusBadge';
import { AdminOnly } from '../AdminOnly';
import { useOrganisationLookup } from '../organisations/api';
import { useDeleteMailbox, useMailboxList } from './api';
import { MailboxFormModal } from './MailboxFormModal';

function Routes({ mailbox }: { mailbox: Mailbox }) {
  const imap = mailbox.routes.imap;
  return (
    <Group gap={4}>
      {mailbox.routes.smtp && (
        <Badge variant="outline" color="gray" tt="none">
          SMTP
        </Badge>
      )}
      {mailbox.routes.webhook && (
        <Badge variant="outline" color="gray" tt="none">
          {t('mailboxes.webhookShort')}
        </Badge>
      )}
      {imap && (
        <Tooltip
          label={
            imap.error ??
            t('mailboxes.imapChecked', { when: formatDateTime(imap.checkedAt, t('common.never')) })
          }
        >
          <Badge
            variant={imap.error ? 'light' : 'outline'}
            color={imap.error ? 'red' : 'gray'}
            tt="none"
            tabIndex={0}
          >
            {imap.error ? t('mailboxes.imapFailing') : 'IMAP'}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

/** Addresses Tend takes mail for, and what becomes of that mail. */
function MailboxesPageContent() {
  const list = useMailboxList();
  const organisations = useOrganisationLookup();
  const [editing, setEditing] = useState<{ mailbox: Mailbox | null } | null>(null);
  const [deleting, setDeleting] = useState<Mailbox | null>(null);
  const remove = useDeleteMailbox();
  const confirmDelete = (mailbox: Mailbox) =>
    remove.mutate(mailbox, {
      onSuccess: () => {
        notifications.show({ color: 'tend', message: t('mailboxes.deleted', { address: mailbox.address }) });
        setDeleting(null);
      },
    });
  return (
    <>
      <PageHeader
        title={t('mailboxes.title')}
        description={t('mailboxes.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ mailbox: null })}>
            {t('mailboxes.new')}
          </Button>
        }
      />
      <ListContent
        list={list}
        empty={<EmptyState title={t('mailboxes.empty')} hint={t('mailboxes.emptyHint')} />}
      >
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={820}>
            <Table aria-label={t('mailboxes.table')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('mailboxes.address')}</Table.Th>
                  <Table.Th>{t('mailboxes.organisation')}</Table.Th>
                  <Table.Th>{t('mailboxes.routes')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((mailbox) => (
                  <Table.Tr key={mailbox.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {mailbox.address}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {mailbox.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {mailbox.organisationId
                        ? (organisations.byId.get(mailbox.organisationId)?.name ?? '…')
                        : t('common.none')}
                    </Table.Td>
                    <Table.Td>
                      <Routes mailbox={mailbox} />
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge active={mailbox.active} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setEditing({ mailbox })}
                          aria-label={`${t('common.edit')} ${mailbox.address}`}
                        >
                          {t('common.edit')}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setDeleting(mailbox)}
                          aria-label={t('mailboxes.deleteLabel', { address: mailbox.address })}
                        >
                          {t('mailboxes.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </ListContent>
      <MailboxFormModal
        opened={editing !== null}
        mailbox={editing?.mailbox ?? null}
        onClose={() => setEditing(null)}
      />
      <ConfirmModal
        opened={deleting !== null}
        title={t('mailboxes.deleteTitle', { address: deleting?.address ?? '' })}
        text={t('mailboxes.deleteText')}
        confirmLabel={t('mailboxes.delete')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && confirmDelete(deleting)}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </>
  );
}

export function MailboxesPage() {
  return (
    <AdminOnly>
      <MailboxesPageContent />
    </AdminOnly>
  );
}
