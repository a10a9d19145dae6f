import { Button, Group, Select, Table, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { staffRoles } from '../../../contracts/common.js';
import { type ServiceDetail, serviceOwnerRoles } from '../../../contracts/services.js';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormError } from '../../ui/FormError';
import { requiredText, useServerErrors } from '../../ui/serverErrors';
import { organisationUsersQuery } from '../admin/users/api';
import { useAddOwner, useRemoveOwner } from './api';
import { ownerRoleLabel } from './labels';
import { Panel, type PanelProps, RemoveButton } from './ServiceParts';

/** Staff of the provider, and the customer's own people (business owners). */
function useOwnerOptions(service: ServiceDetail) {
  const { organisation } = useSession();
  const staff = useQuery(organisationUsersQuery(organisation.id));
  const customer = useQuery(organisationUsersQuery(service.organisationId));
  return [
    ...(staff.data ?? []).filter((user) => staffRoles.includes(user.role)),
    ...(customer.data ?? []),
  ].map((user) => ({ value: user.id, label: `${user.name} · ${user.email}` }));
}

function AddOwner({ service }: { service: ServiceDetail }) {
  const form = useForm({
    initialValues: { userId: '', role: 'technical' },
    validate: { userId: requiredText },
  });
  const errors = useServerErrors(form);
  const add = useAddOwner(service.id);
  const options = useOwnerOptions(service);
  const submit = form.onSubmit((values) => {
    errors.clear();
    add.mutate(
      { userId: values.userId, role: values.role as (typeof serviceOwnerRoles)[number] },
      { onSuccess: () => form.reset(), onError: (error) => errors.show(error) },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <FormError message={errors.message} />
      <Group align="flex-end" gap="sm">
        <Select
          label={t('services.ownerUser')}
          required
          searchable
          data={options}
          w={280}
          {...form.getInputProps('userId')}
        />
        <Select
          label={t('services.ownerRoleLabel')}
          allowDeselect={false}
          data={serviceOwnerRoles.map((role) => ({ value: role, label: ownerRoleLabel(role) }))}
          {...form.getInputProps('role')}
        />
        <Button type="submit" variant="default" loading={add.isPending}>
          {t('services.addOwner')}
        </Button>
      </Group>
    </form>
  );
}

/** Who answers for the service: technical and business owners (they are told of maintenance too). */
export function OwnersPanel({ service, manage }: PanelProps) {
  const remove = useRemoveOwner(service.id);
  return (
    <Panel title={t('services.owners')}>
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
      {service.owners.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('services.noOwners')}
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {service.owners.map((owner) => (
              <Table.Tr key={`${owner.userId}-${owner.role}`}>
                <Table.Td>
                  {owner.name}
                  <Text size="xs" c="dimmed">
                    {owner.email}
                  </Text>
                </Table.Td>
                <Table.Td>{ownerRoleLabel(owner.role)}</Table.Td>
                {manage && (
                  <Table.Td>
                    <RemoveButton
                      label={t('services.removeOwner', { name: owner.name })}
                      loading={remove.isPending}
                      onClick={() => remove.mutate({ userId: owner.userId, role: owner.role })}
                    />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {manage && <AddOwner service={service} />}
    </Panel>
  );
}
