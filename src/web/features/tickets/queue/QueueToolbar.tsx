import { Badge, Button, Group, Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { t } from '../../../i18n/t';
import { errorMessage } from '../../../ui/errors';
import { useSaveView } from './api';
import type { SaveViewTarget } from './SaveViewModal';
import { DEFAULT_SORT, SORTS, type TicketSort } from './search';
import type { QueueState } from './useQueueState';

type Props = { state: QueueState; onSave: (target: SaveViewTarget) => void };

const defined = (filters: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));

/** Sort, "filters changed", and saving the filters as a new view or into the saved view shown. */
export function QueueToolbar({ state, onSave }: Props) {
  const { view, modified, filters, sort, search, go } = state;
  const update = useSaveView(view?.saved?.id ?? null);
  const saveChanges = () =>
    update.mutate(
      { filters: defined(filters), sort },
      {
        onSuccess: (saved) =>
          notifications.show({ color: 'tend', message: t('queue.viewSaved', { name: saved.name }) }),
        onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
      },
    );
  return (
    <Group justify="space-between" align="flex-end" mb="sm" gap="sm">
      <Group gap="sm" align="flex-end">
        <Select
          label={t('queue.sort')}
          data={SORTS.map((value) => ({ value, label: t(`queue.sort.${value}`) }))}
          value={sort}
          onChange={(value) => go({ ...search, sort: (value as TicketSort | null) ?? DEFAULT_SORT }, true)}
          allowDeselect={false}
          w={230}
          comboboxProps={{ withinPortal: true }}
        />
        {modified && (
          <Badge variant="light" color="blue" tt="none" mb={8}>
            {t('queue.modified')}
          </Badge>
        )}
      </Group>
      <Group gap="xs">
        {modified && view?.saved && (
          <Button variant="default" onClick={saveChanges} loading={update.isPending}>
            {t('queue.updateView', { name: view.name })}
          </Button>
        )}
        <Button
          variant="default"
          leftSection={<IconDeviceFloppy size={16} aria-hidden />}
          onClick={() => onSave({ kind: 'new', filters, sort })}
        >
          {t('queue.saveView')}
        </Button>
      </Group>
    </Group>
  );
}
