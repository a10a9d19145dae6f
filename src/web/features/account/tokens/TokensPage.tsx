import { Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { ApiToken } from '../../../../contracts/auth.js';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n/t';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { EmptyState } from '../../../ui/EmptyState';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { useRevokeToken, useTokens } from './api';
import { CreateTokenModal } from './CreateTokenModal';

function TokenState({ token }: { token: ApiToken }) {
  if (token.revokedAt)
    return (
      <Badge color="gray" variant="light">
        {t('tokens.revokedBadge')}
      </Badge>
    );
  if (token.expiresAt && new Date(token.expiresAt) < new Date())
    return (
      <Badge color="red" variant="light">
        {t('tokens.expiredBadge')}
      </Badge>
    );
  return <Badge variant="light">{t('common.active')}</Badge>;
}

function TokensTable({ tokens, onRevoke }: { tokens: ApiToken[]; onRevoke: (token: ApiToken) => void }) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={760}>
        <Table aria-label={t('tokens.table')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tokens.name')}</Table.Th>
              <Table.Th>{t('tokens.scopes')}</Table.Th>
              <Table.Th>{t('tokens.expiry')}</Table.Th>
              <Table.Th>{t('tokens.lastUsed')}</Table.Th>
              <Table.Th>{t('common.status')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {token.name}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {t('tokens.prefix')} {token.prefix}…
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {token.scopes.map((scope) => (
                      <Badge key={scope} variant="outline" color="gray">
                        {t(`tokens.scope.${scope}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{formatDate(token.expiresAt, t('tokens.expiry.never'))}</Table.Td>
                <Table.Td>{formatDateTime(token.lastUsedAt, t('common.never'))}</Table.Td>
                <Table.Td>
                  <TokenState token={token} />
                </Table.Td>
                <Table.Td>
                  {!token.revokedAt && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => onRevoke(token)}
                      aria-label={t('tokens.revokeLabel', { name: token.name })}
                    >
                      {t('tokens.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

export function TokensPage() {
  const { user } = useSession();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const confirmRevoke = (token: ApiToken) =>
    revoke.mutate(token, {
      onSuccess: () => {
        notifications.show({ color: 'tend', message: t('tokens.revoked', { name: token.name }) });
        setRevoking(null);
      },
    });

  let content: React.ReactNode;
  if (tokens.isPending) content = <TableSkeleton rows={3} />;
  else if (tokens.isError) content = <ErrorAlert error={tokens.error} onRetry={() => tokens.refetch()} />;
  else if (tokens.data.length === 0)
    content = <EmptyState title={t('tokens.empty')} hint={t('tokens.emptyHint')} />;
  else content = <TokensTable tokens={tokens.data} onRevoke={setRevoking} />;

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        description={t('tokens.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('tokens.new')}
          </Button>
        }
      />
      {content}
      <CreateTokenModal opened={creating} role={user.role} onClose={() => setCreating(false)} />
      <ConfirmModal
        opened={revoking !== null}
        title={t('tokens.revokeTitle', { name: revoking?.name ?? '' })}
        text={t('tokens.revokeText')}
        confirmLabel={t('tokens.revoke')}
        danger
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && confirmRevoke(revoking)}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
      />
    </>
  );
}
