import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { RESOURCES } from './app/i18n-resources';
import { createQueryClient, Providers } from './app/providers';
import { createRouter } from './app/router';
import { initI18n } from './lib/i18n';

initI18n(RESOURCES);
const queryClient = createQueryClient();
const router = createRouter();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers client={queryClient}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
