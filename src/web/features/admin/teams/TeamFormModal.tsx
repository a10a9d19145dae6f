import { Button, Group, Modal, MultiSelect, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { staffRoles, type Tier, tiers } from '../../../../contracts/common.js';
import type { Team } from '../../../../contracts/directory.js';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n/t';
import { FormError } from '../../../ui/FormError';
import { saveForm } from '../../../ui/saveForm';
import { requiredText, useServerErrors } from '../../../ui/serverErrors';
import { useOrganisationLookup } from '../organisations/api';
import { organisationUsersQuery } from '../users/api';
import { type TeamInput, useSaveTeam } from './api';

type Props = { opened: boolean; team: Team | null; onClose: () => void };
type Option = { value: string; label: string };

/** Members come from the provider organisation's staff; current members stay listed even if inactive. */
function useMemberOptions(team: Team | null): Option[] {
  const { organisation } = useSession();
  const { data = [] } = useQuery(organisationUsersQuery(organisation.id));
  const options = new Map<string, string>();
  for (const member of team?.members ?? []) options.set(member.id, `${member.name} · ${member.email}`);
  for (const user of data) {
    if (staffRoles.includes(user.role)) options.set(user.id, `${user.name} · ${user.email}`);
  }
  return [...options].map(([value, label]) => ({ value, label }));
}

function initialValues(team: Team | null): TeamInput {
  return {
    name: team?.name ?? '',
    tier: team?.tier ?? 'L1',
    description: team?.description ?? '',
    roundRobin: team?.roundRobin ?? false,
    servedOrganisationIds: team?.servedOrganisationIds ?? [],
    memberIds: team?.members.map((member) => member.id) ?? [],
    active: team?.active ?? true,
  };
}

function TeamForm({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const form = useForm<TeamInput>({ initialValues: initialValues(team), validate: { name: requiredText } });
  const serverErrors = useServerErrors(form, { members: 'memberIds' });
  const save = useSaveTeam(team?.id ?? null);
  const { options: organisationOptions } = useOrganisationLookup();
  const memberOptions = useMemberOptions(team);

  const submit = form.onSubmit((values) => {
    const { active, ...rest } = values;
    saveForm(save, serverErrors, team ? values : rest, {
      message: (saved) => t(team ? 'teams.saved' : 'teams.created', { name: saved.name }),
      onClose,
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={serverErrors.message} />
        <TextInput label={t('common.name')} required data-autofocus {...form.getInputProps('name')} />
        <Select
          label={t('teams.tier')}
          description={t('teams.tierHint')}
          required
          allowDeselect={false}
          data={tiers.map((tier: Tier) => ({ value: tier, label: t(`teams.tier.${tier}`) }))}
          {...form.getInputProps('tier')}
        />
        <Textarea
          label={t('teams.descriptionLabel')}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps('description')}
        />
        <MultiSelect
          label={t('teams.served')}
          description={t('teams.servedHint')}
          placeholder={t('teams.searchToAdd')}
          searchable
          clearable
          hidePickedOptions
          data={organisationOptions}
          {...form.getInputProps('servedOrganisationIds')}
        />
        <MultiSelect
          label={t('teams.members')}
          description={t('teams.membersHint')}
          placeholder={t('teams.searchToAdd')}
          searchable
          clearable
          hidePickedOptions
          data={memberOptions}
          {...form.getInputProps('memberIds')}
        />
        <Switch
          label={t('teams.roundRobin')}
          description={t('teams.roundRobinHint')}
          {...form.getInputProps('roundRobin', { type: 'checkbox' })}
        />
        {team && (
          <Switch label={t('teams.activeLabel')} {...form.getInputProps('active', { type: 'checkbox' })} />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {team ? t('common.saveChanges') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TeamFormModal({ opened, team, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={team ? t('teams.edit') : t('teams.new')} size="lg">
      {opened && <TeamForm key={team?.id ?? 'new'} team={team} onClose={onClose} />}
    </Modal>
  );
}
