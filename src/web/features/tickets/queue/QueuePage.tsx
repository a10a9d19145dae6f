import { Box, Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { SavedView } from '../../../../contracts/ticket-views.js';
import { isStaff } from '../../../app/permissions';
import { useSession } from '../../../app/session';
import { t } from '../../../i18n/t';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { NoAccess } from '../../../ui/NoAccess';
import { PageHeader } from '../../../ui/PageHeader';
import { useNewTicket } from '../new/NewTicketContext';
import { useDeleteView } from './api';
import { BulkBar } from './BulkBar';
import { type BulkKind, BulkModal } from './BulkModal';
import { QueueFilters } from './QueueFilters';
import { QueueList } from './QueueList';
import classes from './QueuePage.module.css';
import { QueueToolbar } from './QueueToolbar';
import { SaveViewModal, type SaveViewTarget } from './SaveViewModal';
import { savedQueueView, searchForView } from './search';
import { type QueueState, useQueueState } from './useQueueState';
import { ViewsSidebar } from './ViewsSidebar';

function DeleteViewDialog({
  state,
  view,
  onClose,
}: {
  state: QueueState;
  view: SavedView | null;
  onClose: () => void;
}) {
  const remove = useDeleteView();
  const confirm = () =>
    view &&
    remove.mutate(view, {
      onSuccess: () => {
        notifications.show({ color: 'tend', message: t('queue.viewDeleted', { name: view.name }) });
        if (state.search.view === view.id) state.go({ ...state.search, view: undefined }, true);
        onClose();
      },
    });
  return (
    <ConfirmModal
      opened={view !== null}
      title={t('queue.deleteViewTitle', { name: view?.name ?? '' })}
      text={t('queue.deleteViewText')}
      confirmLabel={t('queue.deleteView')}
      danger
      loading={remove.isPending}
      error={remove.error}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}

/** Filters, sort and saving, the bulk bar and the list itself. */
function QueueMain(props: {
  state: QueueState;
  onSave: (target: SaveViewTarget) => void;
  onBulk: (kind: BulkKind) => void;
}) {
  const { state, onSave, onBulk } = props;
  const { search, go, view, modified, filters, list, selection } = state;
  return (
    <div>
      <QueueFilters filters={filters} onChange={(changes) => go({ ...search, ...changes }, true)} />
      <QueueToolbar state={state} onSave={onSave} />
      <BulkBar
        count={selection.selected.size}
        onAction={onBulk}
        onClear={() => selection.setSelected(new Set())}
      />
      <QueueList
        list={list}
        selection={selection}
        filtered={!view || modified}
        onClear={() => go({ sort: state.sort })}
      />
      <Text size="xs" c="dimmed" mt="md">
        {t('queue.keyboardHint')}
      </Text>
    </div>
  );
}

function StaffQueue() {
  const state = useQueueState();
  const { search, go, views, view, list, selection } = state;
  const newTicket = useNewTicket();
  const [bulkKind, setBulkKind] = useState<BulkKind | null>(null);
  const [saving, setSaving] = useState<SaveViewTarget | null>(null);
  const [deleting, setDeleting] = useState<SavedView | null>(null);
  const newButton = (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={newTicket.open} aria-keyshortcuts="c">
      {t('queue.newTicket')}
    </Button>
  );
  return (
    <>
      <PageHeader
        title={view?.name ?? t('queue.title')}
        description={t('queue.description')}
        actions={newButton}
      />
      <Box className={classes.layout}>
        <ViewsSidebar
          activeId={search.view}
          {...views}
          status={views.savedQuery}
          actions={{ edit: (saved) => setSaving({ kind: 'edit', view: saved }), remove: setDeleting }}
        />
        <QueueMain state={state} onSave={setSaving} onBulk={setBulkKind} />
      </Box>
      <BulkModal
        kind={bulkKind}
        tickets={list.items.filter((ticket) => selection.selected.has(ticket.id))}
        onClose={() => setBulkKind(null)}
        onDone={(failed) => {
          setBulkKind(null);
          selection.setSelected(new Set(failed));
        }}
      />
      <SaveViewModal
        target={saving}
        onClose={() => setSaving(null)}
        onSaved={(saved) => {
          setSaving(null);
          go(searchForView(savedQueueView(saved)));
        }}
      />
      <DeleteViewDialog state={state} view={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}

/** /tickets: the staff queue. Customers have the portal's list instead. */
export function QueuePage() {
  const { user } = useSession();
  return isStaff(user.role) ? <StaffQueue /> : <NoAccess />;
}
