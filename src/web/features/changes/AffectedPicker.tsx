import { Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Service } from '../../../contracts/services.js';
import { t } from '../../i18n/t';
import { serviceDetailQuery, servicesQuery } from './api';

export type AffectedEntry = { serviceId: string; environmentId: string };

type Props = {
  organisationId: string;
  value: AffectedEntry[];
  onChange: (value: AffectedEntry[]) => void;
  error?: string;
};

function Environments({ serviceId, value, onChange }: { serviceId: string } & Omit<Props, 'organisationId'>) {
  const detail = useQuery(serviceDetailQuery(serviceId));
  const environments = detail.data?.environments ?? [];
  if (detail.isPending) return <Text size="sm">{t('app.loading')}</Text>;
  if (environments.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('changes.form.noEnvironments')}
      </Text>
    );
  const chosen = new Set(
    value.filter((entry) => entry.serviceId === serviceId).map((entry) => entry.environmentId),
  );
  const toggle = (environmentId: string, on: boolean) => {
    const others = value.filter((entry) => entry.environmentId !== environmentId);
    onChange(on ? [...others, { serviceId, environmentId }] : others);
  };
  return (
    <Group gap="md">
      {environments.map((environment) => (
        <Checkbox
          key={environment.id}
          label={environment.name}
          checked={chosen.has(environment.id)}
          onChange={(event) => toggle(environment.id, event.currentTarget.checked)}
        />
      ))}
    </Group>
  );
}

/** The services and environments a change touches: pick a service of the organisation, tick its environments. */
export function AffectedPicker({ organisationId, value, onChange, error }: Props) {
  const services = useQuery(servicesQuery);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const own = (services.data ?? []).filter(
    (service: Service) => service.organisationId === organisationId && service.status === 'active',
  );
  const shown = [...new Set([...(serviceId ? [serviceId] : []), ...value.map((entry) => entry.serviceId)])];
  const name = (id: string) => own.find((service) => service.id === id)?.name ?? id;
  return (
    <Stack gap="xs">
      <Select
        label={t('changes.form.affected')}
        description={t('changes.form.affectedHint')}
        placeholder={organisationId ? t('changes.form.pickService') : t('changes.form.pickOrganisationFirst')}
        disabled={!organisationId}
        data={own.map((service) => ({ value: service.id, label: service.name }))}
        value={serviceId}
        onChange={setServiceId}
        error={error}
        comboboxProps={{ withinPortal: true }}
        searchable
      />
      {shown.map((id) => (
        <fieldset key={id} style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" size="sm" fw={500}>
            {name(id)}
          </Text>
          <Environments serviceId={id} value={value} onChange={onChange} />
        </fieldset>
      ))}
    </Stack>
  );
}
