import { ActionIcon, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { t } from '../../i18n/t';

export type ChecklistDraft = { text: string; required: boolean }[];

type Props = {
  value: ChecklistDraft;
  onChange: (next: ChecklistDraft) => void;
  disabled?: boolean;
  error?: string;
};

/** The checklist every generated task starts with: steps, each required (blocks "done") or not. */
export function ChecklistEditor({ value, onChange, disabled = false, error }: Props) {
  const change = (index: number, item: Partial<ChecklistDraft[number]>) =>
    onChange(value.map((entry, at) => (at === index ? { ...entry, ...item } : entry)));
  return (
    <Stack gap="xs" role="group" aria-label={t('plans.form.checklist')}>
      <Text fw={500} size="sm">
        {t('plans.form.checklist')}
      </Text>
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('plans.form.checklistEmpty')}
        </Text>
      )}
      {value.map((item, index) => (
        // Items have no ids of their own until tasks copy them; the position is their identity here.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Group key={index} gap="sm" wrap="nowrap" align="flex-end">
          <TextInput
            style={{ flex: 1 }}
            label={t('plans.form.step', { number: index + 1 })}
            value={item.text}
            disabled={disabled}
            onChange={(event) => change(index, { text: event.currentTarget.value })}
          />
          <Checkbox
            mb={8}
            label={t('plans.form.required')}
            checked={item.required}
            disabled={disabled}
            onChange={(event) => change(index, { required: event.currentTarget.checked })}
          />
          {!disabled && (
            <ActionIcon
              mb={4}
              variant="subtle"
              color="gray"
              aria-label={t('plans.form.removeStep', { number: index + 1 })}
              onClick={() => onChange(value.filter((_, at) => at !== index))}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      ))}
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      {!disabled && (
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => onChange([...value, { text: '', required: true }])}
          >
            {t('plans.form.addStep')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
