import { Button, Code, Modal, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconSend } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { Webhook } from '../../../../contracts/webhooks.js';
import { AnchorLink } from '../../../app/links';
import { t } from '../../../i18n/t';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { StatusBadge } from '../../../ui/StatusBadge';
import { AdminOnly } from '../AdminOnly';
import { useOrganisationLookup } from '../organisations/api';
import { useDeleteWebhook, useRotateSecret, useSendTest, webhookQuery } from './api';
import { DeliveryLog } from './DeliveryLog';
import { SecretView, WebhookFormModal } from './WebhookFormModal';
import { EventBadges } from './WebhooksPage';

const route = getRouteApi('/app/admin/webhooks/$id');

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

function Settings({ webhook }: { webhook: Webhook }) {
  const organisations = useOrganisationLookup();
  return (
    <Paper withBorder radius="md" p="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Fact label={t('webhooks.url')}>
          <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {webhook.url}
          </Text>
        </Fact>
        <Fact label={t('webhooks.events')}>
          <EventBadges eventTypes={webhook.eventTypes} />
        </Fact>
        <Fact label={t('webhooks.organisation')}>
          <Text size="sm">
            {webhook.organisationId
              ? (organisations.byId.get(webhook.organisationId)?.name ?? '…')
              : t('webhooks.allOrganisations')}
          </Text>
        </Fact>
        <Fact label={t('common.status')}>
          <StatusBadge active={webhook.active} />
        </Fact>
        <Fact label={t('webhooks.secretPrefix')}>
          <Code>{webhook.secretPrefix}…</Code>
        </Fact>
        <Fact label={t('common.created')}>
          <Text size="sm">{formatDateTime(webhook.createdAt)}</Text>
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}

function Actions({ webhook }: { webhook: Webhook }) {
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'edit' | 'rotate' | 'delete' | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const test = useSendTest(webhook.id);
  const rotate = useRotateSecret(webhook.id);
  const remove = useDeleteWebhook(webhook.id);
  const sendTest = () =>
    test.mutate(undefined, {
      onSuccess: () => notifications.show({ color: 'tend', message: t('webhooks.testSent') }),
      onError: () => notifications.show({ color: 'red', message: t('webhooks.testFailed') }),
    });
  const close = () => {
    setDialog(null);
    rotate.reset();
    remove.reset();
  };
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconSend size={16} />}
        onClick={sendTest}
        loading={test.isPending}
      >
        {t('webhooks.sendTest')}
      </Button>
      <Button variant="default" onClick={() => setDialog('rotate')}>
        {t('webhooks.rotate')}
      </Button>
      <Button variant="default" onClick={() => setDialog('edit')}>
        {t('common.edit')}
      </Button>
      <Button variant="default" color="red" onClick={() => setDialog('delete')}>
        {t('webhooks.delete')}
      </Button>
      <WebhookFormModal opened={dialog === 'edit'} webhook={webhook} onClose={close} />
      <ConfirmModal
        opened={dialog === 'rotate'}
        title={t('webhooks.rotateTitle')}
        text={t('webhooks.rotateText')}
        confirmLabel={t('webhooks.rotate')}
        loading={rotate.isPending}
        error={rotate.error}
        onConfirm={() =>
          rotate.mutate(undefined, {
            onSuccess: (result) => {
              close();
              setSecret(result.secret);
            },
          })
        }
        onClose={close}
      />
      <ConfirmModal
        opened={dialog === 'delete'}
        title={t('webhooks.deleteTitle', { name: webhook.name })}
        text={t('webhooks.deleteText')}
        confirmLabel={t('webhooks.delete')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              notifications.show({ color: 'tend', message: t('webhooks.deleted', { name: webhook.name }) });
              void navigate({ to: '/admin/webhooks' });
            },
          })
        }
        onClose={close}
      />
      <Modal
        opened={secret !== null}
        onClose={() => setSecret(null)}
        title={t('webhooks.secretTitle')}
        size="lg"
        closeOnClickOutside={false}
      >
        {secret && <SecretView secret={secret} onDone={() => setSecret(null)} />}
      </Modal>
    </>
  );
}

/** One webhook: its settings, test/rotate/edit/delete, and the delivery log with every attempt. */
function WebhookPageContent() {
  const { id } = route.useParams();
  const webhook = useQuery(webhookQuery(id));
  return (
    <>
      <AnchorLink
        to="/admin/webhooks"
        size="sm"
        mb="sm"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} aria-hidden />
        {t('webhooks.back')}
      </AnchorLink>
      {webhook.isError ? (
        <ErrorAlert error={webhook.error} onRetry={() => webhook.refetch()} />
      ) : !webhook.data ? (
        <Skeleton height={240} radius="md" />
      ) : (
        <Stack gap="xl">
          <div>
            <PageHeader title={webhook.data.name} actions={<Actions webhook={webhook.data} />} />
            <Settings webhook={webhook.data} />
          </div>
          <DeliveryLog webhookId={webhook.data.id} />
        </Stack>
      )}
    </>
  );
}

export function WebhookPage() {
  return (
    <AdminOnly>
      <WebhookPageContent />
    </AdminOnly>
  );
}
