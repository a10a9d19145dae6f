import {
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type Ticket, ticketType } from '../../../../contracts/tickets.js';
import { LEVELS } from '../../../../core/tickets/priority.js';
import { t } from '../../../i18n/t';
import { FormError } from '../../../ui/FormError';
import { requiredText, useServerErrors } from '../../../ui/serverErrors';
import { useOrganisationLookup } from '../../admin/organisations/api';
import { organisationUsersQuery } from '../../admin/users/api';
import { levelLabel, typeLabel } from '../detail/labels';
import { useOpenTicket } from '../queue/api';

type Values = {
  organisationId: string;
  requesterId: string;
  type: Ticket['type'];
  subject: string;
  description: string;
  impact: Ticket['impact'];
  urgency: Ticket['urgency'];
  tags: string[];
};

const select = { allowDeselect: false, comboboxProps: { withinPortal: true } } as const;

/** The requester picker: active people of the chosen organisation (customers first, by name). */
function RequesterSelect({ organisationId, ...props }: { organisationId: string } & Record<string, unknown>) {
  const { data = [], isFetching } = useQuery({
    ...organisationUsersQuery(organisationId),
    enabled: Boolean(organisationId),
  });
  const options = data.map((user) => ({ value: user.id, label: `${user.name} · ${user.email}` }));
  const hint = !organisationId
    ? t('newTicket.requesterFirst')
    : !isFetching && options.length === 0
      ? t('newTicket.noRequesters')
      : t('newTicket.requesterHint');
  return (
    <Select
      label={t('newTicket.requester')}
      description={hint}
      required
      searchable
      disabled={!organisationId}
      data={options}
      {...select}
      {...props}
    />
  );
}

const INITIAL: Values = {
  organisationId: '',
  requesterId: '',
  type: 'incident',
  subject: '',
  description: '',
  impact: 'medium',
  urgency: 'medium',
  tags: [],
};

/** Active organisations, customers first: tickets are nearly always for them, the provider's own last. */
function useOrganisationOptions() {
  const { organisations } = useOrganisationLookup();
  return [...organisations]
    .sort((a, b) => Number(a.kind === 'provider') - Number(b.kind === 'provider'))
    .filter((organisation) => organisation.active)
    .map((organisation) => ({ value: organisation.id, label: organisation.name }));
}

function useNewTicketForm(onClose: () => void) {
  const navigate = useNavigate();
  const form = useForm<Values>({
    initialValues: INITIAL,
    validate: {
      organisationId: requiredText,
      requesterId: requiredText,
      subject: requiredText,
      description: requiredText,
    },
  });
  const serverErrors = useServerErrors(form);
  const open = useOpenTicket();
  const submit = form.onSubmit(({ organisationId: _organisation, ...values }) => {
    serverErrors.clear();
    open.mutate(
      { ...values, channel: 'agent' },
      {
        onSuccess: (ticket) => {
          notifications.show({ color: 'tend', message: t('newTicket.created', { number: ticket.number }) });
          onClose();
          void navigate({ to: '/tickets/$ref', params: { ref: ticket.number } });
        },
        onError: (error) => serverErrors.show(error),
      },
    );
  });
  return { form, submit, serverErrors, pending: open.isPending };
}

type Form = ReturnType<typeof useNewTicketForm>['form'];

/** Who the ticket is for: the organisation, then one of its people (choosing another clears them). */
function WhoFields({ form }: { form: Form }) {
  const organisationOptions = useOrganisationOptions();
  const organisationProps = form.getInputProps('organisationId');
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Select
        label={t('newTicket.organisation')}
        required
        searchable
        data={organisationOptions}
        data-autofocus
        {...select}
        {...organisationProps}
        onChange={(value) => {
          organisationProps.onChange(value ?? '');
          form.setFieldValue('requesterId', '');
        }}
      />
      <RequesterSelect organisationId={form.values.organisationId} {...form.getInputProps('requesterId')} />
    </SimpleGrid>
  );
}

function WhatFields({ form }: { form: Form }) {
  return (
    <>
      <Select
        label={t('newTicket.type')}
        data={ticketType.options.map((type) => ({ value: type, label: typeLabel(type) }))}
        {...select}
        {...form.getInputProps('type')}
      />
      <TextInput label={t('newTicket.subject')} required maxLength={300} {...form.getInputProps('subject')} />
      <Textarea
        label={t('newTicket.description')}
        required
        autosize
        minRows={4}
        maxRows={12}
        {...form.getInputProps('description')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {(['impact', 'urgency'] as const).map((field) => (
          <Select
            key={field}
            label={t(`newTicket.${field}`)}
            data={LEVELS.map((level) => ({ value: level, label: levelLabel(level) }))}
            {...select}
            {...form.getInputProps(field)}
          />
        ))}
      </SimpleGrid>
      <TagsInput
        label={t('newTicket.tags')}
        description={t('newTicket.tagsHint')}
        maxTags={30}
        {...form.getInputProps('tags')}
      />
    </>
  );
}

function NewTicketForm({ onClose }: { onClose: () => void }) {
  const { form, submit, serverErrors, pending } = useNewTicketForm(onClose);
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={serverErrors.message} />
        <WhoFields form={form} />
        <WhatFields form={form} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {t('newTicket.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Staff open a ticket for a requester (phone, chat, a corridor): who it is for, then what it is. */
export function NewTicketModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={t('newTicket.title')} size="lg" centered>
      {opened && <NewTicketForm onClose={onClose} />}
    </Modal>
  );
}
