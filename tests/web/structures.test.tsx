// @vitest-environment jsdom
import type { Structure, StructureFigures } from '@essor/shared/structures';
import { useQuery } from '@tanstack/react-query';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StructureFormModal } from '../../web/src/features/structures/components/structure-form-modal';
import { StructureSwitcher } from '../../web/src/features/structures/components/structure-switcher';
import { OverviewPage } from '../../web/src/features/structures/pages/overview-page';
import { readStructureFocus, writeStructureFocus } from '../../web/src/lib/structure-focus';
import { renderWithProviders } from './render';

const ID = {
  network: '00000000-0000-4000-8000-000000000001',
  city: '00000000-0000-4000-8000-000000000002',
  incubator: '00000000-0000-4000-8000-000000000003',
  agency: '00000000-0000-4000-8000-000000000004',
};

function structure(id: string, parentId: string | null, name: string, trail: string[]): Structure {
  return {
    id,
    parentId,
    name,
    kind: parentId ? 'incubator' : 'network',
    territory: '',
    languages: ['fr'],
    currency: 'CAD',
    logoUrl: null,
    contactName: null,
    contactEmail: null,
    contactPhone: null,
    depth: trail.length - 1,
    trail,
    canManage: true,
  };
}

const TREE: Structure[] = [
  structure(ID.network, null, 'Réseau ESS', ['Réseau ESS']),
  structure(ID.city, ID.network, 'Ville de Montréal', ['Réseau ESS', 'Ville de Montréal']),
  structure(ID.incubator, ID.city, 'Incubateur Centre', ['Réseau ESS', 'Ville de Montréal', 'Incubateur Centre']),
  structure(ID.agency, ID.network, 'Agence Nord', ['Réseau ESS', 'Agence Nord']),
];

let probes = 0;
const treeHeaders: (string | null)[] = [];

const server = setupServer(
  http.get('*/api/structures', ({ request }) => {
    treeHeaders.push(request.headers.get('x-essor-structure'));
    return HttpResponse.json(TREE);
  }),
  http.get('*/api/probe', () => {
    probes += 1;
    return HttpResponse.json({ n: probes });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  writeStructureFocus(null);
  probes = 0;
  treeHeaders.length = 0;
});
afterAll(() => server.close());

/** Stands for any list of the admin: it must refetch when the focus changes. */
function Probe() {
  const probe = useQuery({ queryKey: ['probe'], queryFn: () => fetch('/api/probe').then((r) => r.json() as Promise<{ n: number }>) });
  return <span data-testid="probe">{probe.data?.n ?? 0}</span>;
}

describe('structure switcher', () => {
  it('lists every structure of mine indented by depth, and choosing one writes the cookie and refetches everything', async () => {
    renderWithProviders(<><StructureSwitcher /><Probe /></>);
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe('1'));
    const input = screen.getByTestId('structure-switcher');
    expect(input.getAttribute('aria-label')).toBe('Structure');
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('Toutes mes structures'));
    // The switcher asks for all of mine, whatever the cookie narrows the rest to.
    expect(treeHeaders).toEqual(['']);

    fireEvent.click(input);
    const options = await screen.findAllByRole('option', { hidden: true });
    expect(options.map((o) => o.textContent?.startsWith('Toutes mes structures') || o.querySelector('[data-depth]')?.getAttribute('data-depth'))).toEqual([true, '0', '1', '2', '1']);
    const incubator = screen.getByText('Incubateur Centre').closest<HTMLElement>('[data-depth]')!;
    expect(incubator.style.paddingInlineStart).toBe('28px');
    expect(incubator.getAttribute('title')).toBe('Réseau ESS › Ville de Montréal › Incubateur Centre');
    expect(within(incubator).getByText('Réseau ESS › Ville de Montréal')).toBeTruthy();

    fireEvent.click(screen.getByRole('option', { name: /Incubateur Centre/, hidden: true }));
    expect(readStructureFocus()).toBe(ID.incubator);
    expect(document.cookie).toContain(`essor_structure=${ID.incubator}`);
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe('2'));
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('Incubateur Centre'));

    fireEvent.click(input);
    fireEvent.click(await screen.findByRole('option', { name: /Toutes mes structures/, hidden: true }));
    expect(readStructureFocus()).toBeNull();
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe('3'));
  });
});

function figures(id: string, parentId: string | null, name: string, depth: number, f: Partial<StructureFigures>): StructureFigures {
  return { structureId: id, parentId, name, kind: 'incubator', depth, programmes: 0, applications: 0, accepted: 0, cohorts: 0, coachingMinutesHeld: 0, money: [], ...f };
}

describe('city view', () => {
  it("adds up a parent's whole subtree in its total row", async () => {
    server.use(
      http.get('*/api/structures/overview', () =>
        HttpResponse.json({
          structures: [
            figures(ID.network, null, 'Réseau ESS', 0, {
              programmes: 1, applications: 10, accepted: 2, cohorts: 1, coachingMinutesHeld: 90,
              money: [{ currency: 'CAD', committedMinor: 100_000, disbursedMinor: 50_000 }],
            }),
            figures(ID.city, ID.network, 'Ville de Montréal', 1, {
              programmes: 2, applications: 5, accepted: 1, cohorts: 1, coachingMinutesHeld: 60,
              money: [{ currency: 'CAD', committedMinor: 20_000, disbursedMinor: 10_000 }],
            }),
            figures(ID.incubator, ID.city, 'Incubateur Centre', 2, {
              programmes: 1, applications: 3, accepted: 1, cohorts: 0, coachingMinutesHeld: 45,
              money: [{ currency: 'CAD', committedMinor: 30_000, disbursedMinor: 0 }, { currency: 'XOF', committedMinor: 500_000, disbursedMinor: 250_000 }],
            }),
            figures(ID.agency, ID.network, 'Agence Nord', 1, { applications: 4, cohorts: 2 }),
          ],
        }),
      ),
    );
    renderWithProviders(<OverviewPage />);
    const cells = (name: RegExp) => within(screen.getByRole('row', { name })).getAllByRole('cell').map((c) => c.textContent ?? '');

    await screen.findByRole('row', { name: /Total Réseau ESS/ });
    // One row per structure with its own figures, and a total after each parent's subtree.
    expect(screen.getAllByRole('row').slice(1).map((r) => r.getAttribute('data-row'))).toEqual(['structure', 'structure', 'structure', 'total', 'structure', 'total']);
    expect(cells(/^Incubateur Centre/).slice(0, 6)).toEqual(['Incubateur Centre', '1', '3', '1', '0', '0,8']);

    // Ville de Montréal + Incubateur Centre: 2+1 programmes, 5+3 applications, 1+1 accepted, 1+0 cohorts, 60+45 min = 1.75 h.
    const city = cells(/Total Ville de Montréal/);
    expect(city.slice(0, 6)).toEqual(['Total Ville de Montréal', '3', '8', '2', '1', '1,8']);
    expect(city[6]).toMatch(/500,00\s\$/);
    expect(city[6]).toMatch(/500\s000\sF\s?CFA/);
    expect(city[7]).toMatch(/100,00\s\$/);

    // Everything: 1+2+1+0 programmes, 10+5+3+4 applications, 2+1+1+0 accepted, 1+1+0+2 cohorts, 90+60+45 min = 3.25 h.
    const network = cells(/Total Réseau ESS/);
    expect(network.slice(0, 6)).toEqual(['Total Réseau ESS', '4', '22', '4', '4', '3,3']);
    expect(network[6]).toMatch(/1\s500,00\s\$/);
    expect(network[6]).toMatch(/500\s000\sF\s?CFA/);
    expect(network[7]).toMatch(/600,00\s\$/);
    expect(network[7]).toMatch(/250\s000\sF\s?CFA/);
    expect(screen.queryByRole('row', { name: /Total Agence Nord/ })).toBeNull();

    const csv = decodeURIComponent(screen.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href')!.split(',').slice(1).join(','));
    expect(csv).toContain('Total Réseau ESS,0,4,22,4,4,3.3,1500.00,600.00,500000,250000');

    fireEvent.click(within(screen.getByRole('row', { name: /^Agence Nord/ })).getByRole('button', { name: 'Voir cette structure' }));
    expect(readStructureFocus()).toBe(ID.agency);
  });

  it('says so when there is no structure to show', async () => {
    server.use(http.get('*/api/structures/overview', () => HttpResponse.json({ structures: [] })));
    renderWithProviders(<OverviewPage />);
    expect(await screen.findByText('Aucune structure à afficher')).toBeTruthy();
  });
});

describe('structure form', () => {
  it("shows the API's field error on the input", async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post('*/api/structures', async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(
          { error: { code: 'conflict', message: 'A structure of this name already stands under this parent', fields: { name: ['Already used here'] } } },
          { status: 409 },
        );
      }),
    );
    renderWithProviders(<StructureFormModal opened editing={null} parents={[TREE[0], TREE[1]]} onClose={() => {}} />);
    fireEvent.change(await screen.findByLabelText(/^Nom/), { target: { value: 'Incubateur Centre' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Already used here')).toBeTruthy();
    expect(screen.getByLabelText(/^Nom/).getAttribute('aria-invalid')).toBe('true');
    expect(bodies[0]).toMatchObject({ parentId: ID.network, name: 'Incubateur Centre', kind: 'incubator', currency: 'CAD', languages: ['fr'] });
  });
});
