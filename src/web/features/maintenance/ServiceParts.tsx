import {
  ActionIcon,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import { environmentKinds, type ServiceDetail } from '../../../contracts/services.js';
import { t } from '../../i18n/t';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FormError } from '../../ui/FormError';
import { requiredText, useServerErrors } from '../../ui/serverErrors';
import { useAddComponent, useAddEnvironment, useRemoveComponent, useRemoveEnvironment } from './api';
import { environmentKindLabel } from './labels';

export type PanelProps = { service: ServiceDetail; manage: boolean };

export function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

export function RemoveButton({
  label,
  onClick,
  loading,
}: {
  label: string;
  onClick: () => void;
  loading: boolean;
}) {
  return (
    <ActionIcon variant="subtle" color="red.9" aria-label={label} onClick={onClick} loading={loading}>
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  );
}

function AddEnvironment({ service }: { service: ServiceDetail }) {
  const form = useForm({ initialValues: { name: '', kind: 'production' }, validate: { name: requiredText } });
  const errors = useServerErrors(form);
  const add = useAddEnvironment(service.id);
  const submit = form.onSubmit((values) => {
    errors.clear();
    add.mutate(
      { name: values.name, kind: values.kind as (typeof environmentKinds)[number] },
      { onSuccess: () => form.reset(), onError: (error) => errors.show(error) },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <FormError message={errors.message} />
      <Group align="flex-end" gap="sm">
        <TextInput label={t('services.environmentName')} required {...form.getInputProps('name')} />
        <Select
          label={t('services.environmentKind')}
          allowDeselect={false}
          data={environmentKinds.map((kind) => ({ value: kind, label: environmentKindLabel(kind) }))}
          {...form.getInputProps('kind')}
        />
        <Button type="submit" variant="default" loading={add.isPending}>
          {t('services.addEnvironment')}
        </Button>
      </Group>
    </form>
  );
}

/** Where the service runs. */
export function EnvironmentsPanel({ service, manage }: PanelProps) {
  const remove = useRemoveEnvironment(service.id);
  return (
    <Panel title={t('services.environments')}>
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
      {service.environments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('services.noEnvironments')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('common.name')}</Table.Th>
              <Table.Th scope="col">{t('services.environmentKind')}</Table.Th>
              {manage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {service.environments.map((environment) => (
              <Table.Tr key={environment.id}>
                <Table.Td>{environment.name}</Table.Td>
                <Table.Td>{environmentKindLabel(environment.kind)}</Table.Td>
                {manage && (
                  <Table.Td>
                    <RemoveButton
                      label={t('services.removeEnvironment', { name: environment.name })}
                      loading={remove.isPending && remove.variables === environment.id}
                      onClick={() => remove.mutate(environment.id)}
                    />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {manage && <AddEnvironment service={service} />}
    </Panel>
  );
}

function AddComponent({ service }: { service: ServiceDetail }) {
  const form = useForm({
    initialValues: { name: '', version: '', environmentId: '' },
    validate: { name: requiredText },
  });
  const errors = useServerErrors(form);
  const add = useAddComponent(service.id);
  const submit = form.onSubmit((values) => {
    errors.clear();
    add.mutate(
      { name: values.name, version: values.version, environmentId: values.environmentId || null },
      { onSuccess: () => form.reset(), onError: (error) => errors.show(error) },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <FormError message={errors.message} />
      <Group align="flex-end" gap="sm">
        <TextInput label={t('services.componentName')} required {...form.getInputProps('name')} />
        <TextInput label={t('services.componentVersion')} {...form.getInputProps('version')} />
        <Select
          label={t('services.componentEnvironment')}
          data={[
            { value: '', label: t('services.everyEnvironment') },
            ...service.environments.map((environment) => ({
              value: environment.id,
              label: environment.name,
            })),
          ]}
          allowDeselect={false}
          {...form.getInputProps('environmentId')}
        />
        <Button type="submit" variant="default" loading={add.isPending}>
          {t('services.addComponent')}
        </Button>
      </Group>
    </form>
  );
}

/** What the service is made of, and which version runs where. */
export function ComponentsPanel({ service, manage }: PanelProps) {
  const remove = useRemoveComponent(service.id);
  const environmentName = (id: string | null) =>
    id
      ? (service.environments.find((environment) => environment.id === id)?.name ?? '')
      : t('services.everyEnvironment');
  return (
    <Panel title={t('services.components')}>
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
      {service.components.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('services.noComponents')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('common.name')}</Table.Th>
              <Table.Th scope="col">{t('services.componentVersion')}</Table.Th>
              <Table.Th scope="col">{t('services.componentEnvironment')}</Table.Th>
              {manage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {service.components.map((component) => (
              <Table.Tr key={component.id}>
                <Table.Td>{component.name}</Table.Td>
                <Table.Td>{component.version}</Table.Td>
                <Table.Td>{environmentName(component.environmentId)}</Table.Td>
                {manage && (
                  <Table.Td>
                    <RemoveButton
                      label={t('services.removeComponent', { name: component.name })}
                      loading={remove.isPending && remove.variables === component.id}
                      onClick={() => remove.mutate(component.id)}
                    />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {manage && <AddComponent service={service} />}
    </Panel>
  );
}
