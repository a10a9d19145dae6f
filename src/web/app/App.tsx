import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useState } from 'react';
import { setUnauthorizedHandler } from './api';
import { createQueryClient } from './queryClient';
import { createAppRouter } from './router';
import { colorSchemeManager, cssVariablesResolver, theme } from './theme';

const PUBLIC_PATHS = ['/login', '/setup', '/forgot-password', '/reset-password'];

/**
 * A 401 on any authenticated call means the session is gone (expired, signed out elsewhere). Load the
 * sign-in page afresh: that also drops every cached answer, and no in-flight navigation can undo it.
 */
function signInAgain(): void {
  const { pathname, search } = window.location;
  if (PUBLIC_PATHS.includes(pathname)) return;
  setUnauthorizedHandler(null);
  const params = new URLSearchParams({ redirect: `${pathname}${search}`, expired: 'true' });
  window.location.assign(`/login?${params.toString()}`);
}

function createApp() {
  const queryClient = createQueryClient();
  const router = createAppRouter(queryClient);
  setUnauthorizedHandler(signInAgain);
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
