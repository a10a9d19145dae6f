import { Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import type { User } from '../../../../contracts/directory.js';
import { t } from '../../../i18n/t';
import { formatDateTime } from '../../../ui/format';
import { StatusBadge } from '../../../ui/StatusBadge';

type Props = {
  users: User[];
  organisationName: (id: string) => string;
  currentUserId: string;
  onEdit?: (user: User) => void;
  onSetActive?: (user: User, active: boolean) => void;
};

function RowActions({ user, isSelf, onEdit, onSetActive }: { user: User; isSelf: boolean } & Props) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="xs"
        variant="default"
        onClick={() => onEdit?.(user)}
        aria-label={`${t('common.edit')} ${user.name}`}
      >
        {t('common.edit')}
      </Button>
      {!isSelf &&
        (user.active ? (
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={() => onSetActive?.(user, false)}
            aria-label={`${t('users.deactivate')} ${user.name}`}
          >
            {t('users.deactivate')}
          </Button>
        ) : (
          <Button
            size="xs"
            variant="subtle"
            onClick={() => onSetActive?.(user, true)}
            aria-label={`${t('users.reactivate')} ${user.name}`}
          >
            {t('users.reactivate')}
          </Button>
        ))}
    </Group>
  );
}

export function UsersTable(props: Props) {
  const { users, organisationName, currentUserId, onEdit } = props;
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={860}>
        <Table aria-label={t('users.table')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.name')}</Table.Th>
              <Table.Th>{t('common.role')}</Table.Th>
              <Table.Th>{t('common.organisation')}</Table.Th>
              <Table.Th>{t('users.lastLogin')}</Table.Th>
              <Table.Th>{t('common.status')}</Table.Th>
              {onEdit && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {user.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {user.email}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
                <Table.Td>{organisationName(user.organisationId)}</Table.Td>
                <Table.Td>{formatDateTime(user.lastLoginAt, t('common.never'))}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <StatusBadge active={user.active} />
                    {user.invitationPending && (
                      <Badge variant="light" color="blue">
                        {t('users.invited')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                {onEdit && (
                  <Table.Td>
                    <RowActions {...props} user={user} isSelf={user.id === currentUserId} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
