import { Badge, Button, Group, Paper, Table, Text, Tooltip } from '@mantine/core';
import type { Team } from '../../../../contracts/directory.js';
import { t } from '../../../i18n/t';
import { StatusBadge } from '../../../ui/StatusBadge';

type Props = { teams: Team[]; organisationName: (id: string) => string; onEdit?: (team: Team) => void };

function NameList({
  names,
  countKey,
}: {
  names: string[];
  countKey: 'teams.membersCount' | 'teams.servedCount';
}) {
  if (names.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('common.none')}
      </Text>
    );
  const shown = names.slice(0, 3).join(', ');
  const text = names.length > 3 ? `${shown} +${names.length - 3}` : shown;
  return (
    <Tooltip label={names.join(', ')} multiline maw={320} disabled={names.length <= 3}>
      <Text size="sm" aria-label={`${t(countKey, { count: names.length })}: ${names.join(', ')}`}>
        {text}
      </Text>
    </Tooltip>
  );
}

export function TeamsTable({ teams, organisationName, onEdit }: Props) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={820}>
        <Table aria-label={t('teams.table')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.name')}</Table.Th>
              <Table.Th>{t('teams.tier')}</Table.Th>
              <Table.Th>{t('teams.members')}</Table.Th>
              <Table.Th>{t('teams.served')}</Table.Th>
              <Table.Th>{t('common.status')}</Table.Th>
              {onEdit && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {teams.map((team) => (
              <Table.Tr key={team.id}>
                <Table.Td maw={280}>
                  <Text size="sm" fw={500}>
                    {team.name}
                  </Text>
                  {team.description && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {team.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{team.tier}</Badge>
                </Table.Td>
                <Table.Td>
                  <NameList names={team.members.map((member) => member.name)} countKey="teams.membersCount" />
                </Table.Td>
                <Table.Td>
                  <NameList
                    names={team.servedOrganisationIds.map(organisationName)}
                    countKey="teams.servedCount"
                  />
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <StatusBadge active={team.active} />
                    {team.roundRobin && (
                      <Badge variant="outline" color="gray">
                        {t('teams.roundRobinBadge')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                {onEdit && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => onEdit(team)}
                      aria-label={`${t('common.edit')} ${team.name}`}
                    >
                      {t('common.edit')}
                    </Button>
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
