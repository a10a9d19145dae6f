import { Badge } from '@mantine/core';
import type { TaskState } from '../../../core/plans/index.js';
import { t, tMaybe } from '../../i18n/t';

export const kindLabel = (kind: string) => tMaybe(`plans.kind.${kind}`) ?? kind;
export const categoryLabel = (category: string) => tMaybe(`plans.category.${category}`) ?? category;
export const taskStateLabel = (state: string) => tMaybe(`plans.state.${state}`) ?? state;

type Look = { color: string; variant: 'light' | 'outline' };

/** Colours from the theme's AA-tuned set; the words carry the meaning. */
const LOOKS: Record<TaskState, Look> = {
  open: { color: 'blue', variant: 'outline' },
  in_progress: { color: 'blue', variant: 'light' },
  done: { color: 'tend', variant: 'light' },
  skipped: { color: 'gray', variant: 'outline' },
  cancelled: { color: 'gray', variant: 'light' },
};

export function TaskStateBadge({ state }: { state: TaskState }) {
  return (
    <Badge {...LOOKS[state]} radius="sm">
      {taskStateLabel(state)}
    </Badge>
  );
}

export function OverdueBadge() {
  return (
    <Badge color="red" variant="light" radius="sm">
      {t('plans.task.overdue')}
    </Badge>
  );
}
