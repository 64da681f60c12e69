// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useProjectParts } from '../../web/src/features/projects/api';
import { renderWithProviders } from './render';

const PROJECT = '00000000-0000-4000-8000-000000000200';
const asked: string[] = [];
const page = (items: { id: string; number: number }[]) => HttpResponse.json({ items, nextCursor: null });

const server = setupServer(
  http.get('*/api/funds/loans', ({ request }) => {
    asked.push(request.url);
    return page([{ id: 'loan-1', number: 7 }, { id: 'loan-2', number: 5 }]);
  }),
  http.get('*/api/funds/cofinancing', ({ request }) => {
    asked.push(request.url);
    return page([{ id: 'cof-1', number: 3 }]);
  }),
  http.get('*/api/coaching/plans', ({ request }) => {
    asked.push(request.url);
    return page([{ id: 'plan-1', number: 0 }]);
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => cleanup());
afterAll(() => server.close());

function Parts() {
  const parts = useProjectParts(PROJECT, { applications: false, coaching: true, milestones: false, money: true });
  if (!parts.loans.data || !parts.cofinancing.data || !parts.plans.data) return <p>…</p>;
  return <p>{`loans ${parts.loans.data.map((l) => l.number).join(',')} · requests ${parts.cofinancing.data.length} · plans ${parts.plans.data.length}`}</p>;
}

describe("a project's money and coaching, read from the paged lists", () => {
  it("asks each list for the project's rows in one page and hands the page's items to the page", async () => {
    asked.length = 0;
    renderWithProviders(<Parts />);
    expect(await screen.findByText('loans 7,5 · requests 1 · plans 1')).toBeTruthy();
    for (const url of asked) {
      const params = new URL(url).searchParams;
      expect(params.get('projectId'), url).toBe(PROJECT);
      expect(params.get('limit'), url).toBe('200');
    }
    expect(asked).toHaveLength(3);
  });
});
