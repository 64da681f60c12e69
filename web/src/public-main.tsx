import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { EAGER_RESOURCES, lazyNamespaces } from './app/i18n-namespaces';
import { createQueryClient, Providers } from './app/providers';
import { PublicShell } from './app/public-shell';
import { initI18n } from './lib/i18n';

// The public document (web/public.html): the open calls, the bond offerings and open data, first visited.
// Marks the document, so a test driving the browser knows a path outside it loads a new page.
document.documentElement.dataset.document = 'public';
initI18n(EAGER_RESOURCES, undefined, lazyNamespaces);
const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers client={queryClient}>
      <BrowserRouter>
        <PublicShell />
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
