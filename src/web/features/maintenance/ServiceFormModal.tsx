import { Button, Group, Modal, NumberInput, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import type { ServiceDetail } from '../../../contracts/services.js';
import { t } from '../../i18n/t';
import { FormError } from '../../ui/FormError';
import { requiredText, useServerErrors } from '../../ui/serverErrors';
import { useOrganisationLookup } from '../admin/organisations/api';
import { useCreateService, useUpdateService } from './api';

type Props = { opened: boolean; service: ServiceDetail | null; onClose: () => void };

type Values = {
  organisationId: string;
  name: string;
  description: string;
  noticeLeadHours: number | string;
  requiresCustomerApproval: boolean;
  retired: boolean;
};

function initialValues(service: ServiceDetail | null): Values {
  return {
    organisationId: service?.organisationId ?? '',
    name: service?.name ?? '',
    description: service?.description ?? '',
    noticeLeadHours: service?.noticeLeadHours ?? 72,
    requiresCustomerApproval: service?.requiresCustomerApproval ?? false,
    retired: service?.status === 'retired',
  };
}

function ServiceForm({ service, onClose }: { service: ServiceDetail | null; onClose: () => void }) {
  const navigate = useNavigate();
  const form = useForm<Values>({
    initialValues: initialValues(service),
    validate: { name: requiredText, organisationId: service ? undefined : requiredText },
  });
  const serverErrors = useServerErrors(form);
  const create = useCreateService();
  const update = useUpdateService(service?.id ?? '');
  const { organisations } = useOrganisationLookup();
  const customers = organisations
    .filter((organisation) => organisation.kind === 'customer')
    .map((organisation) => ({ value: organisation.id, label: organisation.name }));

  const submit = form.onSubmit((values) => {
    serverErrors.clear();
    const fields = {
      name: values.name,
      description: values.description,
      noticeLeadHours: Number(values.noticeLeadHours),
      requiresCustomerApproval: values.requiresCustomerApproval,
    };
    const done = (saved: ServiceDetail) => {
      notifications.show({
        color: 'tend',
        message: t(service ? 'services.saved' : 'services.created', { name: saved.name }),
      });
      onClose();
      if (!service) void navigate({ to: '/maintenance/services/$id', params: { id: saved.id } });
    };
    if (service)
      update.mutate(
        { ...fields, status: values.retired ? 'retired' : 'active' },
        { onSuccess: done, onError: (error) => serverErrors.show(error) },
      );
    else
      create.mutate(
        { ...fields, organisationId: values.organisationId },
        { onSuccess: done, onError: (error) => serverErrors.show(error) },
      );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={serverErrors.message} />
        {!service && (
          <Select
            label={t('services.col.organisation')}
            required
            searchable
            data={customers}
            {...form.getInputProps('organisationId')}
          />
        )}
        <TextInput label={t('common.name')} required data-autofocus {...form.getInputProps('name')} />
        <Textarea
          label={t('services.descriptionLabel')}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps('description')}
        />
        <NumberInput
          label={t('services.noticeLead')}
          description={t('services.noticeLeadHint')}
          min={0}
          max={8760}
          allowDecimal={false}
          {...form.getInputProps('noticeLeadHours')}
        />
        <Switch
          label={t('services.customerApproval')}
          description={t('services.customerApprovalHint')}
          {...form.getInputProps('requiresCustomerApproval', { type: 'checkbox' })}
        />
        {service && (
          <Switch
            label={t('services.retiredLabel')}
            description={t('services.retiredHint')}
            {...form.getInputProps('retired', { type: 'checkbox' })}
          />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {service ? t('common.saveChanges') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Register a service, or change one. */
export function ServiceFormModal({ opened, service, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={t(service ? 'services.edit' : 'services.new')} size="lg">
      {opened && <ServiceForm service={service} onClose={onClose} />}
    </Modal>
  );
}
