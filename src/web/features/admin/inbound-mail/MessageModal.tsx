import { Anchor, Button, Code, Group, Modal, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { t } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime } from '../../../ui/format';
import { inboundQuery } from './api';

/**
 * The mail as received. Its HTML is already sanitised by the server, and still shown in a sandboxed
 * frame with no scripts and no same-origin access, so nothing in a stranger's mail runs here.
 */
function Body({ id }: { id: string }) {
  const detail = useQuery(inboundQuery(id));
  if (detail.isError) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Skeleton height={200} />;
  const message = detail.data;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <Text size="sm">
          <strong>{t('inbound.from')}:</strong> {message.fromAddress ?? '—'}
        </Text>
        <Text size="sm">
          <strong>{t('inbound.received')}:</strong> {formatDateTime(message.receivedAt)}
        </Text>
        <Text size="sm">
          <strong>{t('inbound.route')}:</strong> {message.route}
        </Text>
        <Text size="sm">
          <strong>{t('inbound.reason')}:</strong> {message.reason ?? '—'}
        </Text>
      </SimpleGrid>
      {message.lastError && <Code block>{message.lastError}</Code>}
      {message.html ? (
        <iframe
          title={t('inbound.bodyFrame')}
          sandbox=""
          srcDoc={message.html}
          style={{
            width: '100%',
            height: 320,
            border: '1px solid var(--mantine-color-default-border)',
            borderRadius: 8,
            background: 'white',
          }}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t('inbound.noHtml')}
        </Text>
      )}
      <Group justify="space-between">
        <Anchor href={message.rawUrl} size="sm" download>
          {t('inbound.downloadRaw')}
        </Anchor>
      </Group>
    </Stack>
  );
}

export function MessageModal({
  id,
  subject,
  onClose,
}: {
  id: string | null;
  subject: string;
  onClose: () => void;
}) {
  return (
    <Modal opened={id !== null} onClose={onClose} title={subject || t('inbound.noSubject')} size="xl">
      {id && <Body id={id} />}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('common.close')}
        </Button>
      </Group>
    </Modal>
  );
}
