import { FileInput, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { t } from '../../i18n/t';

type Props = { value: File[]; onChange: (files: File[]) => void; disabled?: boolean };

const MAX_FILES = 20;

/** Files to send along (at most 20 per message, as the API allows); sizes are checked by the server. */
export function FilesField({ value, onChange, disabled }: Props) {
  return (
    <FileInput
      label={t('portal.attachments')}
      description={t('portal.attachmentsHint')}
      placeholder={t('portal.attachmentsPlaceholder')}
      multiple
      clearable
      disabled={disabled}
      leftSection={<IconPaperclip size={16} aria-hidden />}
      // Mantine's placeholder grey falls short of 4.5:1 on this input; the dimmed colour does not.
      styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
      value={value}
      onChange={(files) => onChange(files.slice(0, MAX_FILES))}
      valueComponent={({ value: files }) => (
        <Text size="sm" truncate>
          {(Array.isArray(files) ? files : files ? [files] : []).map((file) => file.name).join(', ')}
        </Text>
      )}
    />
  );
}
