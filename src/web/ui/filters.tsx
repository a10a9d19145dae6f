import { Group, Select, type SelectProps, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { t } from '../i18n/t';

type SearchProps = { label: string; placeholder: string; onSearch: (value: string) => void };

/** A search box that asks the server only once typing pauses. */
export function SearchField({ label, placeholder, onSearch }: SearchProps) {
  const [value, setValue] = useState('');
  const debounced = useDebouncedCallback((next: string) => onSearch(next.trim()), 300);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      type="search"
      leftSection={<IconSearch size={16} aria-hidden />}
      value={value}
      onChange={(event) => {
        setValue(event.currentTarget.value);
        debounced(event.currentTarget.value);
      }}
      w={{ base: '100%', xs: 260 }}
    />
  );
}

/** A select whose empty choice means "all"; `value` '' is "no filter". */
export function FilterSelect(
  props: Omit<SelectProps, 'value' | 'onChange'> & {
    value: string;
    onChange: (value: string) => void;
  },
) {
  const { value, onChange, data, ...rest } = props;
  return (
    <Select
      {...rest}
      data={[{ value: '', label: t('common.all') }, ...(Array.isArray(data) ? data : [])]}
      value={value}
      onChange={(next) => onChange(next ?? '')}
      allowDeselect={false}
      w={{ base: '100%', xs: 200 }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Group align="flex-end" gap="sm" mb="md" role="search">
      {children}
    </Group>
  );
}

/** "true" / "false" / "" (any) for the active filter. */
export const activeFilterOptions = () => [
  { value: 'true', label: t('common.active') },
  { value: 'false', label: t('common.inactive') },
];
