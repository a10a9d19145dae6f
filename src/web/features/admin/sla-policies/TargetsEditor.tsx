import { Group, NativeSelect, NumberInput, Paper, Table, Text } from '@mantine/core';
import { PRIORITIES, type Priority } from '../../../../core/tickets/priority.js';
import { t } from '../../../i18n/t';
import type { Duration, DurationUnit } from './duration';

export const TARGETS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type TargetName = (typeof TARGETS)[number];
export type TargetGrid = Record<Priority, Record<TargetName, Duration>>;

type Props = {
  value: TargetGrid;
  error?: string;
  onChange: (grid: TargetGrid) => void;
};

function DurationCell({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Duration;
  onChange: (value: Duration) => void;
}) {
  return (
    <Group gap={4} wrap="nowrap">
      <NumberInput
        aria-label={label}
        placeholder={t('slaPolicies.noTarget')}
        min={0}
        decimalScale={2}
        value={value.amount}
        onChange={(amount) => onChange({ ...value, amount: typeof amount === 'number' ? amount : '' })}
        w={100}
        hideControls
      />
      <NativeSelect
        aria-label={t('slaPolicies.unitFor', { target: label })}
        value={value.unit}
        onChange={(event) => onChange({ ...value, unit: event.currentTarget.value as DurationUnit })}
        data={[
          { value: 'h', label: t('slaPolicies.unit.h') },
          { value: 'min', label: t('slaPolicies.unit.min') },
        ]}
        w={96}
      />
    </Group>
  );
}

/** Business time per priority and target; an empty cell means that target does not apply. */
export function TargetsEditor({ value, error, onChange }: Props) {
  const set = (priority: Priority, target: TargetName, duration: Duration) =>
    onChange({ ...value, [priority]: { ...value[priority], [target]: duration } });
  return (
    <div>
      <Text size="sm" fw={500}>
        {t('slaPolicies.targets')}
      </Text>
      <Text size="xs" c="dimmed" mb={6}>
        {t('slaPolicies.targetsHint')}
      </Text>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={620}>
          <Table aria-label={t('slaPolicies.targets')} highlightOnHover={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('slaPolicies.priority')}</Table.Th>
                {TARGETS.map((target) => (
                  <Table.Th key={target}>{t(`slaPolicies.target.${target}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {PRIORITIES.map((priority) => (
                <Table.Tr key={priority}>
                  <Table.Th scope="row">{priority}</Table.Th>
                  {TARGETS.map((target) => (
                    <Table.Td key={target}>
                      <DurationCell
                        label={t('slaPolicies.cellLabel', {
                          priority,
                          target: t(`slaPolicies.target.${target}`),
                        })}
                        value={value[priority][target]}
                        onChange={(duration) => set(priority, target, duration)}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {error && (
        <Text size="xs" c="var(--mantine-color-error)" mt={4}>
          {error}
        </Text>
      )}
    </div>
  );
}
