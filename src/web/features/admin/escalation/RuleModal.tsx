import { Button, Checkbox, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { tiers } from '../../../../contracts/common.js';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n/t';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { organisationUsersQuery } from '../users/api';
import { type RuleInput, useAllTeams } from './api';

export const NOTIFY_GROUPS = ['assignee', 'team', 'service_managers', 'admins'] as const;
const isGroup = (entry: string) => (NOTIFY_GROUPS as readonly string[]).includes(entry);

type Cell = Pick<RuleInput, 'priority' | 'threshold'>;
type Props = {
  cell: Cell;
  rule: RuleInput | undefined;
  saving: boolean;
  error: unknown;
  onSave: (rule: RuleInput | null) => void;
  onClose: () => void;
};

function RuleForm({ cell, rule, saving, error, onSave, onClose }: Props) {
  const { organisation } = useSession();
  const staff = useQuery(organisationUsersQuery(organisation.id));
  const teams = useAllTeams();
  const [groups, setGroups] = useState<string[]>((rule?.notify ?? ['assignee']).filter(isGroup));
  const [people, setPeople] = useState<string[]>((rule?.notify ?? []).filter((entry) => !isGroup(entry)));
  const [tier, setTier] = useState<string>(rule?.moveToTier ?? '');
  const [teamId, setTeamId] = useState<string>(rule?.moveToTeamId ?? '');
  const teamOptions = (teams.data ?? [])
    .filter((team) => team.active && (!tier || team.tier === tier))
    .map((team) => ({ value: team.id, label: `${team.name} (${team.tier})` }));
  const save = () =>
    onSave({
      ...cell,
      notify: [...groups, ...people],
      moveToTier: (tier || null) as RuleInput['moveToTier'],
      moveToTeamId: tier && teamId ? teamId : null,
    });
  return (
    <Stack>
      <Checkbox.Group
        label={t('escalation.notify')}
        description={t('escalation.notifyHint')}
        value={groups}
        onChange={setGroups}
      >
        <SimpleGrid cols={{ base: 1, xs: 2 }} mt="xs" spacing="xs">
          {NOTIFY_GROUPS.map((group) => (
            <Checkbox key={group} value={group} label={t(`escalation.group.${group}`)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <MultiSelect
        label={t('escalation.people')}
        placeholder={t('escalation.peoplePlaceholder')}
        searchable
        data={(staff.data ?? []).map((user) => ({ value: user.id, label: `${user.name} · ${user.email}` }))}
        value={people}
        onChange={setPeople}
        comboboxProps={{ withinPortal: true }}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('escalation.moveToTier')}
          description={t('escalation.moveToTierHint')}
          data={[
            { value: '', label: t('escalation.noMove') },
            ...tiers.map((value) => ({ value, label: t(`teams.tier.${value}`) })),
          ]}
          value={tier}
          onChange={(value) => {
            setTier(value ?? '');
            setTeamId('');
          }}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('escalation.moveToTeam')}
          description={t('escalation.moveToTeamHint')}
          data={[{ value: '', label: t('escalation.anyTeam') }, ...teamOptions]}
          value={teamId}
          onChange={(value) => setTeamId(value ?? '')}
          disabled={!tier}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>
      {groups.length + people.length === 0 && !tier && (
        <Text size="sm" c="dimmed">
          {t('escalation.emptyRuleHint')}
        </Text>
      )}
      {error ? <ErrorAlert error={error} /> : null}
      <Group justify="space-between" mt="sm">
        <div>
          {rule && (
            <Button variant="subtle" color="red" onClick={() => onSave(null)} loading={saving}>
              {t('escalation.removeRule')}
            </Button>
          )}
        </div>
        <Group gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} loading={saving}>
            {t('common.save')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

/** One cell of the matrix: when a ticket of this priority reaches this threshold, who hears of it and where it goes. */
export function RuleModal(props: Props & { opened: boolean }) {
  const { opened, cell, onClose } = props;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={t('escalation.ruleTitle', {
        priority: cell.priority,
        threshold: t(`escalation.threshold.${cell.threshold}`),
      })}
    >
      {opened && <RuleForm {...props} />}
    </Modal>
  );
}
