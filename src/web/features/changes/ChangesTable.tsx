import { Paper, Table, Text } from '@mantine/core';
import type { Change } from '../../../contracts/changes.js';
import { AnchorLink } from '../../app/links';
import { t } from '../../i18n/t';
import { formatDateTime } from '../../ui/format';
import { ChangeStateBadge, RiskBadge, TypeBadge } from './ChangeBadges';
import { kindLabel } from './labels';

type Props = { changes: Change[]; organisationName: (id: string) => string; caption: string };

/** Change requests as a table: number, title (a link), organisation, type, kind, risk, state, plan. */
export function ChangesTable({ changes, organisationName, caption }: Props) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={880}>
        <Table highlightOnHover verticalSpacing="sm">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('changes.col.number')}</Table.Th>
              <Table.Th scope="col">{t('changes.col.title')}</Table.Th>
              <Table.Th scope="col">{t('common.organisation')}</Table.Th>
              <Table.Th scope="col">{t('changes.col.type')}</Table.Th>
              <Table.Th scope="col">{t('changes.col.kind')}</Table.Th>
              <Table.Th scope="col">{t('changes.col.risk')}</Table.Th>
              <Table.Th scope="col">{t('changes.col.state')}</Table.Th>
              <Table.Th scope="col">{t('changes.col.planned')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={change.id}>
                <Table.Td>{change.number}</Table.Td>
                <Table.Td>
                  <AnchorLink to="/changes/$ref" params={{ ref: change.number }} fw={500} size="sm">
                    {change.title}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{organisationName(change.organisationId)}</Table.Td>
                <Table.Td>
                  <TypeBadge type={change.type} />
                </Table.Td>
                <Table.Td>{kindLabel(change.kind)}</Table.Td>
                <Table.Td>
                  <RiskBadge risk={change.risk} />
                </Table.Td>
                <Table.Td>
                  <ChangeStateBadge state={change.state} />
                </Table.Td>
                <Table.Td>
                  {change.plannedStart ? (
                    formatDateTime(change.plannedStart)
                  ) : (
                    <Text span size="sm" c="dimmed">
                      {t('changes.unplanned')}
                    </Text>
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
