import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { EAGER_RESOURCES, lazyNamespaces } from './app/i18n-namespaces';
import { createQueryClient, Providers } from './app/providers';
import { createRouter } from './app/router';
import { initI18n } from './lib/i18n';

initI18n(EAGER_RESOURCES, undefined, lazyNamespaces);
const queryClient = createQueryClient();
const router = createRouter();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers client={queryClient}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
