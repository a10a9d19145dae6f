import { CheckIcon, Combobox, Group, InputBase, useCombobox } from '@mantine/core';
import { t } from '../../../i18n/t';

type Option = { value: string; label: string };
type Props = { label: string; data: Option[]; value: string[]; onChange: (value: string[]) => void };

/** "New, Open" or "New +4": what is chosen, in one line whatever the number of choices. */
function summary(data: Option[], value: string[]): string {
  if (value.length === 0) return t('queue.filter.any');
  const labelOf = (item: string) => data.find((option) => option.value === item)?.label ?? item;
  if (value.length <= 2) return value.map(labelOf).join(', ');
  return t('queue.filter.andMore', { first: labelOf(value[0]!), count: value.length - 1 });
}

/**
 * A multiple choice that stays one line high (a MultiSelect's pills grow the filter bar with every
 * status): a select-like button summarising the choice, and a list of options to tick.
 */
export function CompactMultiSelect({ label, data, value, onChange }: Props) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const text = summary(data, value);
  const toggle = (item: string) =>
    onChange(value.includes(item) ? value.filter((chosen) => chosen !== item) : [...value, item]);
  return (
    <Combobox store={combobox} onOptionSubmit={toggle} withinPortal>
      <Combobox.Target>
        <InputBase
          component="button"
          type="button"
          pointer
          label={label}
          aria-label={`${label}: ${text}`}
          rightSection={<Combobox.Chevron />}
          rightSectionPointerEvents="none"
          onClick={() => combobox.toggleDropdown()}
          onBlur={() => combobox.closeDropdown()}
          w={170}
          styles={{ input: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } }}
        >
          {text}
        </InputBase>
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options aria-label={label}>
          {data.map((option) => {
            const chosen = value.includes(option.value);
            return (
              <Combobox.Option value={option.value} key={option.value} active={chosen} aria-selected={chosen}>
                <Group gap="xs" wrap="nowrap">
                  <span style={{ width: 12, display: 'inline-flex' }}>
                    {chosen && <CheckIcon size={12} aria-hidden />}
                  </span>
                  {option.label}
                </Group>
              </Combobox.Option>
            );
          })}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
