import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useState } from 'react';
import { setUnauthorizedHandler } from './api';
import { createQueryClient } from './queryClient';
import { createAppRouter } from './router';
import { sessionKey } from './session';
import { colorSchemeManager, cssVariablesResolver, theme } from './theme';

const PUBLIC_PATHS = ['/login', '/setup', '/forgot-password', '/reset-password'];

function createApp() {
  const queryClient = createQueryClient();
  const router = createAppRouter(queryClient);
  // A 401 on any authenticated call means the session is gone: forget it and ask to sign in again.
  setUnauthorizedHandler(() => {
    const { pathname, href } = router.state.location;
    if (PUBLIC_PATHS.includes(pathname)) return;
    queryClient.clear();
    queryClient.setQueryData(sessionKey, null);
    void router.navigate({ to: '/login', search: { redirect: href, expired: true } });
  });
  return { queryClient, router };
}

export function App() {
  const [{ queryClient, router }] = useState(createApp);
  return (
    <MantineProvider
      theme={theme}
      defaultColorScheme="auto"
      colorSchemeManager={colorSchemeManager}
      cssVariablesResolver={cssVariablesResolver}
    >
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
