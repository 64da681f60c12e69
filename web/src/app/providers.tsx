import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import { MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18n from 'i18next';
import { lazy, Suspense, type ReactNode } from 'react';
import { ApiError } from '../lib/api-client';
import { notifyError, useToastsShown } from '../lib/notify';
import { theme } from './theme';

export function createQueryClient() {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
    queryCache: new QueryCache({
      // A session that expired mid-work sends the person back to sign in.
      onError: (error) => {
        if (error instanceof ApiError && error.status === 401) client.setQueryData(['auth', 'me'], null);
      },
    }),
    // The one place a failed change is shown: the API's own message (in the person's language), for every mutation.
    // A form that shows the error next to its fields says so with `meta: { errorShown: 'inline' }`.
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (error instanceof ApiError && error.status === 401) client.setQueryData(['auth', 'me'], null);
        if (mutation.meta?.errorShown === 'inline') return;
        notifyError(error, i18n.t('common:errors.saveFailed'));
      },
    }),
  });
  return client;
}

// The toasts' container (and its transitions) arrives with the first toast, which waits in the store meanwhile: a
// visitor who never sees one never downloads it.
const Notifications = lazy(async () => ({ default: (await import('@mantine/notifications')).Notifications }));

export function Providers({ client, children }: { client: QueryClient; children: ReactNode }) {
  const toastsShown = useToastsShown();
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {toastsShown && (
        <Suspense fallback={null}>
          <Notifications position="top-right" />
        </Suspense>
      )}
      <QueryClientProvider client={client}>
        {children}
      </QueryClientProvider>
    </MantineProvider>
  );
}
