// @vitest-environment jsdom
import type { FinanceableProject } from '@essor/shared/funds';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FinanceableProjectSelect } from '../../web/src/components/financeable-project-select';
import { renderWithProviders } from './render';

const project = (n: number, title: string, organisationName: string, currency = 'CAD'): FinanceableProject => ({
  id: `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
  structureId: '00000000-0000-4000-8000-000000000100',
  title,
  organisationName,
  programmeId: null,
  programmeCode: null,
  totalBudgetMinor: 10_000_000,
  currency: currency as FinanceableProject['currency'],
  milestones: [],
});

// The API answers the first two by title; the third is reachable only by searching.
const all = [project(1, 'Atelier de réparation et boutique solidaire', 'Répare-Tout'), project(2, 'Boulangerie coopérative', 'Pain Commun'), project(3, 'Zéro déchet en vrac', 'Vrac & Cie')];
const requests: URL[] = [];

const server = setupServer(
  http.get('*/api/funds/projects', ({ request }) => {
    const url = new URL(request.url);
    requests.push(url);
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    const matching = all.filter((p) => p.title.toLowerCase().includes(q) || p.organisationName.toLowerCase().includes(q));
    return HttpResponse.json(matching.slice(0, q ? 50 : 2));
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  requests.length = 0;
});
afterAll(() => server.close());

function Harness({ onPicked }: { onPicked: (project: FinanceableProject | null) => void }) {
  const [value, setValue] = useState<string | null>(null);
  return (
    <FinanceableProjectSelect
      label="Projet"
      currency="CAD"
      value={value}
      onChange={(id, chosen) => {
        setValue(id);
        onPicked(chosen);
      }}
    />
  );
}

describe('the financing forms’ project picker', () => {
  it('offers the first page without typing, searches the API as the person types, and keeps the chosen project', async () => {
    const picked: (FinanceableProject | null)[] = [];
    renderWithProviders(<Harness onPicked={(p) => picked.push(p)} />);
    const input = screen.getByRole('combobox', { name: /^Projet/ }) as HTMLInputElement;
    input.focus();
    fireEvent.click(input);
    await screen.findByRole('option', { name: /Atelier de réparation et boutique solidaire/, hidden: true });
    expect(screen.queryByRole('option', { name: /Zéro déchet/, hidden: true })).toBeNull();
    expect(requests[0].searchParams.get('currency')).toBe('CAD');
    expect(requests[0].searchParams.has('q')).toBe(false);

    fireEvent.change(input, { target: { value: 'vrac' } });
    const far = await screen.findByRole('option', { name: /Zéro déchet en vrac — Vrac & Cie/, hidden: true }, { timeout: 2000 });
    expect(requests.some((url) => url.searchParams.get('q') === 'vrac')).toBe(true);
    fireEvent.click(far);
    expect(picked.at(-1)?.id).toBe(all[2].id);
    await waitFor(() => expect(input.value).toBe('Zéro déchet en vrac — Vrac & Cie'));

    // Reopened, the box holds the chosen label, which is no search: the first page comes back, the chosen one still on offer.
    await new Promise((resolve) => setTimeout(resolve, 400));
    fireEvent.click(input);
    await screen.findByRole('option', { name: /Atelier de réparation/, hidden: true });
    expect(screen.getByRole('option', { name: /Zéro déchet en vrac/, hidden: true })).toBeTruthy();
    expect(requests.filter((url) => (url.searchParams.get('q') ?? '').includes('—'))).toEqual([]);
  });
});
