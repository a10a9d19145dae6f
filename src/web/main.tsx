import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { colorSchemeManager } from './app/theme';

// Apply the saved or system colour scheme before the first paint, so dark mode does not flash white.
const saved = colorSchemeManager.get('auto');
const prefersDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
const scheme = saved === 'auto' ? (prefersDark ? 'dark' : 'light') : saved;
document.documentElement.setAttribute('data-mantine-color-scheme', scheme);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
