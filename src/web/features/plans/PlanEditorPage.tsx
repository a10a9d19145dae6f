import { Paper } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import type { Plan } from '../../../contracts/plans.js';
import { ButtonLink } from '../../app/links';
import { canManageSla } from '../../app/permissions';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { requiredText, useServerErrors } from '../../ui/serverErrors';
import { TableSkeleton } from '../../ui/TableSkeleton';
import { type NewPlan, planKeys, planQuery, plansApi } from './api';
import { PlanForm, type PlanValues, splitDates } from './PlanForm';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function valuesOf(plan: Plan | null): PlanValues {
  return {
    serviceId: plan?.serviceId ?? '',
    environmentId: plan?.environmentId ?? '',
    title: plan?.title ?? '',
    kind: plan?.kind ?? 'preventive',
    category: plan?.category ?? 'backup_restore_test',
    description: plan?.description ?? '',
    rrule: plan?.rrule ?? 'FREQ=MONTHLY;BYDAY=1MO',
    dtstart: plan?.dtstart.slice(0, 16) ?? '',
    timezone: plan?.timezone ?? browserZone(),
    exdates: plan?.exdates.join(', ') ?? '',
    generateAheadDays: plan?.generateAheadDays ?? 14,
    defaultTeamId: plan?.defaultTeamId ?? '',
    defaultAssigneeId: plan?.defaultAssigneeId ?? '',
    active: plan?.active ?? true,
    checklist: plan?.checklist.map((item) => ({ ...item })) ?? [],
  };
}

/** The request body: empty selections are "none"; a blank checklist step is dropped. */
function bodyOf(values: PlanValues): NewPlan {
  return {
    serviceId: values.serviceId,
    environmentId: values.environmentId || null,
    title: values.title,
    kind: values.kind as NewPlan['kind'],
    category: values.category as NewPlan['category'],
    description: values.description,
    rrule: values.rrule,
    dtstart: values.dtstart,
    timezone: values.timezone,
    exdates: splitDates(values.exdates),
    generateAheadDays: Number(values.generateAheadDays),
    defaultTeamId: values.defaultTeamId || null,
    defaultAssigneeId: values.defaultAssigneeId || null,
    active: values.active,
    checklist: values.checklist.filter((item) => item.text.trim() !== ''),
  };
}

function usePlanForm(plan: Plan | null) {
  return useForm<PlanValues>({
    initialValues: valuesOf(plan),
    validate: { serviceId: requiredText, title: requiredText, rrule: requiredText, dtstart: requiredText },
  });
}

/** Define a new maintenance plan (admins and service managers). */
export function NewPlanPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = usePlanForm(null);
  const serverErrors = useServerErrors(form);
  const create = useMutation({ mutationFn: plansApi.create });
  const submit = (values: PlanValues) => {
    serverErrors.clear();
    create.mutate(bodyOf(values), {
      onSuccess: (plan) => {
        void queryClient.invalidateQueries({ queryKey: planKeys.all });
        notifications.show({ color: 'tend', message: t('plans.created') });
        void navigate({ to: '/maintenance/plans/$id', params: { id: plan.id } });
      },
      onError: (error) => serverErrors.show(error),
    });
  };
  return (
    <>
      <PageHeader title={t('plans.newTitle')} description={t('plans.newDescription')} />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <PlanForm
          form={form}
          creating
          disabled={false}
          error={serverErrors.message}
          busy={create.isPending}
          onSubmit={submit}
          cancel={
            <ButtonLink to="/maintenance/plans" variant="default">
              {t('common.cancel')}
            </ButtonLink>
          }
        />
      </Paper>
    </>
  );
}

function EditPlan({ plan }: { plan: Plan }) {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const form = usePlanForm(plan);
  const serverErrors = useServerErrors(form);
  const update = useMutation({
    mutationFn: (values: PlanValues) => {
      const { serviceId: _service, ...body } = bodyOf(values);
      return plansApi.update(plan.id, plan.version, body);
    },
  });
  const submit = (values: PlanValues) => {
    serverErrors.clear();
    update.mutate(values, {
      onSuccess: (saved) => {
        queryClient.setQueryData(planKeys.one(saved.id), saved);
        void queryClient.invalidateQueries({ queryKey: planKeys.all });
        form.resetDirty(valuesOf(saved));
        notifications.show({ color: 'tend', message: t('plans.saved') });
      },
      onError: (error) => serverErrors.show(error),
    });
  };
  return (
    <PlanForm
      form={form}
      creating={false}
      disabled={!canManageSla(user.role)}
      error={serverErrors.message}
      busy={update.isPending}
      onSubmit={submit}
      cancel={
        <ButtonLink to="/maintenance/tasks" search={{ planId: plan.id }} variant="default">
          {t('plans.showTasks')}
        </ButtonLink>
      }
    />
  );
}

/** One plan: staff read it; admins and service managers edit it (If-Match: a stale edit is refused). */
export function PlanPage() {
  const { id = '' } = useParams({ strict: false }) as { id?: string };
  const query = useQuery(planQuery(id));
  if (query.isPending) return <TableSkeleton />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  return (
    <>
      <PageHeader title={query.data.title} description={t('plans.editDescription')} />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <EditPlan key={query.data.version} plan={query.data} />
      </Paper>
    </>
  );
}
