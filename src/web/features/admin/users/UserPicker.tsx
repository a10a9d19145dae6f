import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { User } from '../../../../contracts/directory.js';
import { api } from '../../../app/api';
import { userKeys } from './api';

type Props = { label: string; placeholder: string; value: string; onChange: (id: string) => void };
type Page = { items: User[]; nextCursor: string | null };

/** Pick any user by typing part of their name or email; the server does the searching. */
export function UserPicker({ label, placeholder, value, onChange }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const { data } = useQuery({
    queryKey: [...userKeys.all, 'picker', debounced],
    queryFn: () => api.get<Page>('/users', { q: debounced || undefined, limit: 20 }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = (data?.items ?? []).map((user) => ({
    value: user.id,
    label: `${user.name} · ${user.email}`,
  }));
  if (picked && value === picked.value && !options.some((option) => option.value === picked.value))
    options.unshift(picked);

  return (
    <Select
      label={label}
      placeholder={placeholder}
      searchable
      clearable
      filter={({ options: all }) => all}
      data={options}
      value={value || null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(next, option) => {
        setPicked(option ?? null);
        onChange(next ?? '');
      }}
      nothingFoundMessage="—"
      w={{ base: '100%', xs: 240 }}
    />
  );
}
