// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RESOURCES } from '../../web/src/app/i18n-resources';
import { initI18n } from '../../web/src/lib/i18n';
import { polyfillDom } from './render';

afterEach(() => cleanup());

describe('toasts', () => {
  it("mounts their container with the first toast, and shows that toast (a page that shows none never fetches the toasts' code)", async () => {
    // A fresh page: the app's modules as first loaded (test files share their worker's modules).
    vi.resetModules();
    const { createQueryClient, Providers } = await import('../../web/src/app/providers');
    const { notifySuccess } = await import('../../web/src/lib/notify');
    polyfillDom();
    initI18n(RESOURCES, 'fr');
    // Counted, not assumed absent: another test file's tree may still be mounted in this worker's document.
    const containers = () => document.querySelectorAll('.mantine-Notifications-root').length;
    const before = containers();
    render(
      <Providers client={createQueryClient()}>
        <button type="button" onClick={() => notifySuccess('Paiement comptabilisé')}>go</button>
      </Providers>,
    );
    // Given time to fetch anything it would: still no container.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(containers()).toBe(before);
    fireEvent.click(screen.getByRole('button', { name: 'go' }));
    expect(await screen.findByText('Paiement comptabilisé', undefined, { timeout: 5000 })).toBeTruthy();
    expect(containers()).toBeGreaterThan(before);
  });
});
