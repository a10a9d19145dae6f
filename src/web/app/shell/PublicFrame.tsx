import { Box, Center, Group, Paper, Stack, Text } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { t } from '../../i18n/t';
import { Brand } from './Brand';
import classes from './PublicFrame.module.css';
import { ThemeToggle } from './ThemeToggle';

/** Sign-in, setup and password pages: one centred card, nothing else to get lost in. */
export function PublicFrame() {
  return (
    <Box className={classes.page}>
      <Group component="header" justify="space-between" p="md">
        <Brand linked={false} />
        <ThemeToggle />
      </Group>
      <Center component="main" id="main-content" px="md" pb="xl" pt={{ base: 'md', sm: 60 }}>
        <Stack w="100%" maw={440} gap="md">
          <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="lg">
            <Outlet />
          </Paper>
          <Text size="sm" c="dimmed" ta="center">
            {t('app.tagline')}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
