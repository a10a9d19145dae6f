import {
  Avatar,
  Group,
  Menu,
  SegmentedControl,
  Text,
  UnstyledButton,
  useMantineColorScheme,
} from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { t } from '../../i18n/t';
import { useLogout } from '../auth';
import { useSession } from '../session';
import classes from './UserMenu.module.css';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

function ThemeChoice() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SegmentedControl
      fullWidth
      size="xs"
      aria-label={t('userMenu.theme')}
      value={colorScheme}
      onChange={(value) => setColorScheme(value as 'light' | 'dark' | 'auto')}
      data={[
        { value: 'light', label: t('theme.light') },
        { value: 'dark', label: t('theme.dark') },
        { value: 'auto', label: t('theme.auto') },
      ]}
    />
  );
}

export function UserMenu() {
  const { user, organisation } = useSession();
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton title={t('userMenu.open', { name: user.name })} data-testid="user-menu">
          <Group gap="xs" wrap="nowrap">
            <Avatar radius="xl" size="sm" color="tend" aria-hidden>
              {initials(user.name)}
            </Avatar>
            <Text size="sm" fw={500} truncate maw={180} className={classes.name}>
              {user.name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {user.email} · {organisation.name}
        </Menu.Label>
        <Menu.Item leftSection={<IconUserCircle size={16} />} onClick={() => navigate({ to: '/account' })}>
          {t('userMenu.account')}
        </Menu.Item>
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => navigate({ to: '/account/tokens' })}>
          {t('userMenu.tokens')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>{t('userMenu.theme')}</Menu.Label>
        <div style={{ padding: '0 var(--mantine-spacing-xs) var(--mantine-spacing-xs)' }}>
          <ThemeChoice />
        </div>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={() => logout.mutate()}
          data-testid="logout"
        >
          {t('userMenu.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
