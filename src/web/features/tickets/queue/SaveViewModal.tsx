import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { SavedView } from '../../../../contracts/ticket-views.js';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n/t';
import { FormError } from '../../../ui/FormError';
import { requiredText, useServerErrors } from '../../../ui/serverErrors';
import { useDeskDirectory, useSaveView } from './api';
import type { QueueFilters, TicketSort } from './search';

/** A new view from the current filters, or an existing one renamed or (un)shared. */
export type SaveViewTarget =
  | { kind: 'new'; filters: QueueFilters; sort: TicketSort }
  | { kind: 'edit'; view: SavedView };

type Props = { target: SaveViewTarget | null; onClose: () => void; onSaved: (view: SavedView) => void };
type Values = { name: string; teamId: string };

/** Admins may share with any team; others with the teams they are in (the server checks too). */
function useShareOptions() {
  const { user } = useSession();
  const { teams, myTeams } = useDeskDirectory();
  const choices = user.role === 'admin' ? teams : myTeams;
  return [
    { value: '', label: t('queue.viewPersonal') },
    ...choices.map((team) => ({ value: team.id, label: team.name })),
  ];
}

function definedFilters(filters: QueueFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => Boolean(value))) as Record<
    string,
    string
  >;
}

function ViewForm({ target, onClose, onSaved }: { target: SaveViewTarget } & Omit<Props, 'target'>) {
  const editing = target.kind === 'edit' ? target.view : null;
  const form = useForm<Values>({
    initialValues: { name: editing?.name ?? '', teamId: editing?.teamId ?? '' },
    validate: { name: requiredText },
  });
  const serverErrors = useServerErrors(form);
  const save = useSaveView(editing?.id ?? null);
  const shareOptions = useShareOptions();

  const submit = form.onSubmit((values) => {
    serverErrors.clear();
    const common = { name: values.name.trim(), teamId: values.teamId || null };
    const input =
      target.kind === 'new'
        ? { ...common, filters: definedFilters(target.filters), sort: target.sort }
        : common;
    save.mutate(input, {
      onSuccess: (view) => {
        notifications.show({ color: 'tend', message: t('queue.viewSaved', { name: view.name }) });
        onSaved(view);
      },
      onError: (error) => serverErrors.show(error),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={serverErrors.message} />
        <TextInput
          label={t('queue.viewName')}
          required
          data-autofocus
          maxLength={100}
          {...form.getInputProps('name')}
        />
        <Select
          label={t('queue.viewShare')}
          description={t('queue.viewShareHint')}
          data={shareOptions}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('teamId')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SaveViewModal({ target, onClose, onSaved }: Props) {
  const title = target?.kind === 'edit' ? t('queue.viewFormEdit') : t('queue.viewFormNew');
  return (
    <Modal opened={target !== null} onClose={onClose} title={title} centered>
      {target && <ViewForm target={target} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}
