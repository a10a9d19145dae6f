import { Group, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { type Icon, IconBuildingSkyscraper, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { AnchorLink, ButtonLink } from '../../app/links';
import type { AppPath } from '../../app/navigation';
import { canReadAdmin, isStaff } from '../../app/permissions';
import { useSession } from '../../app/session';
import { type MessageKey, t } from '../../i18n/t';
import { PageHeader } from '../../ui/PageHeader';
import { PortalOverview } from '../portal/PortalOverview';

const COUNT_LIMIT = 100;

/** Lists have no totals, so count up to one page and say "100+" beyond that. */
function useCount(path: string) {
  return useQuery({
    queryKey: ['home', 'count', path],
    queryFn: () => api.get<{ items: unknown[]; nextCursor: string | null }>(path, { limit: COUNT_LIMIT }),
    select: (page) =>
      page.nextCursor ? t('home.countMore', { count: page.items.length }) : String(page.items.length),
    retry: false,
  });
}

type StatProps = { label: MessageKey; path: string; to: AppPath; icon: Icon; linked: boolean };

function Stat({ label, path, to, icon: StatIcon, linked }: StatProps) {
  const count = useCount(path);
  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Text size="sm" c="dimmed" fw={600} component="h3">
            {t(label)}
          </Text>
          {count.isPending ? (
            <Skeleton height={34} width={60} />
          ) : (
            <Text fz={30} fw={700} lh={1.1} data-testid={`count-${to.split('/').at(-1)}`}>
              {count.data ?? t('home.unavailable')}
            </Text>
          )}
          {linked && (
            <AnchorLink to={to} size="sm" aria-label={`${t('home.manage')} ${t(label).toLowerCase()}`}>
              {t('home.manage')}
            </AnchorLink>
          )}
        </Stack>
        <ThemeIcon variant="light" size={42} radius="md" aria-hidden>
          <StatIcon size={22} />
        </ThemeIcon>
      </Group>
    </Paper>
  );
}

function DirectoryStats() {
  const { user } = useSession();
  const linked = canReadAdmin(user.role);
  return (
    <section aria-labelledby="stats-heading">
      <Title order={2} size="h4" mb="sm" id="stats-heading">
        {t('home.statsLabel')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Stat
          label="home.organisations"
          path="/organisations"
          to="/admin/organisations"
          icon={IconBuildingSkyscraper}
          linked={linked}
        />
        <Stat label="home.users" path="/users" to="/admin/users" icon={IconUsers} linked={linked} />
        <Stat label="home.teams" path="/teams" to="/admin/teams" icon={IconUsersGroup} linked={linked} />
      </SimpleGrid>
    </section>
  );
}

function AccountCard() {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="account-card-heading">
      <Title order={2} size="h4" id="account-card-heading">
        {t('home.accountCard')}
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="md">
        {t('home.accountCardText')}
      </Text>
      <ButtonLink to="/account" variant="default">
        {t('home.openAccount')}
      </ButtonLink>
    </Paper>
  );
}

export function HomePage() {
  const { user, organisation } = useSession();
  const staff = isStaff(user.role);
  const intro = staff ? 'home.intro' : 'home.portalIntro';
  return (
    <>
      <PageHeader
        title={t('home.welcome', { name: user.name })}
        description={t(intro, { organisation: organisation.name })}
      />
      <Stack gap="xl">
        {staff ? <DirectoryStats /> : <PortalOverview />}
        <AccountCard />
      </Stack>
    </>
  );
}
