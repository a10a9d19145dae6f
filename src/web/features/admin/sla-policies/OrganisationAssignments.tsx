import { Paper, Select, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Organisation } from '../../../../contracts/directory.js';
import type { SlaPolicy } from '../../../../contracts/sla.js';
import { t } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { useOrganisationLookup } from '../organisations/api';
import { useAssignPolicy, useOrganisationPolicies } from './api';

const DEFAULT = '';

function AssignmentRow({
  organisation,
  policyId,
  options,
}: {
  organisation: Organisation;
  policyId: string | undefined;
  options: { value: string; label: string }[];
}) {
  const assign = useAssignPolicy();
  const change = (value: string | null) =>
    assign.mutate(
      { organisationId: organisation.id, policyId: value || null },
      {
        onSuccess: () =>
          notifications.show({
            color: 'tend',
            message: t('slaPolicies.assigned', { name: organisation.name }),
          }),
        onError: () =>
          notifications.show({
            color: 'red',
            message: t('slaPolicies.assignFailed', { name: organisation.name }),
          }),
      },
    );
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {organisation.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('slaPolicies.policyFor', { name: organisation.name })}
          value={policyId ?? DEFAULT}
          onChange={change}
          allowDeselect={false}
          disabled={assign.isPending}
          data={options}
          w={{ base: '100%', xs: 260 }}
          comboboxProps={{ withinPortal: true }}
        />
      </Table.Td>
    </Table.Tr>
  );
}

/** Which policy each customer organisation's new tickets run under (the default unless chosen). */
export function OrganisationAssignments({ policies }: { policies: SlaPolicy[] }) {
  const organisations = useOrganisationLookup();
  const assignments = useOrganisationPolicies();
  const fallback = policies.find((policy) => policy.isDefault);
  const options = [
    {
      value: DEFAULT,
      label: fallback
        ? t('slaPolicies.useDefaultNamed', { name: fallback.name })
        : t('slaPolicies.useDefault'),
    },
    ...policies.map((policy) => ({ value: policy.id, label: policy.name })),
  ];
  const customers = organisations.organisations.filter((organisation) => organisation.kind === 'customer');
  let body: React.ReactNode;
  if (organisations.isPending || assignments.isPending) body = <TableSkeleton rows={3} />;
  else if (organisations.isError || assignments.isError)
    body = <ErrorAlert error={organisations.error ?? assignments.error} />;
  else if (customers.length === 0)
    body = (
      <Text size="sm" c="dimmed">
        {t('slaPolicies.noCustomers')}
      </Text>
    );
  else
    body = (
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={480}>
          <Table aria-label={t('slaPolicies.assignmentsTable')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.organisation')}</Table.Th>
                <Table.Th>{t('slaPolicies.policy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {customers.map((organisation) => (
                <AssignmentRow
                  key={organisation.id}
                  organisation={organisation}
                  policyId={assignments.data.get(organisation.id)}
                  options={options}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    );
  return (
    <section aria-labelledby="assignments-heading">
      <Title order={2} size="h4" id="assignments-heading">
        {t('slaPolicies.assignments')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('slaPolicies.assignmentsHint')}
      </Text>
      {body}
    </section>
  );
}
