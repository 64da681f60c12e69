import { ROLES } from '@essor/shared/roles';
import { describe, expect, it } from 'vitest';
import { pageTable } from '../../web/src/app/route-table';
import { routeTree } from '../../web/src/app/router';

describe('the route table the browser walk reads', () => {
  const pages = pageTable(routeTree());
  const access = (path: string) => pages.find((page) => page.path === path)?.access;

  it('lists public pages for visitors and signed-in pages with the roles their guard lets in', () => {
    expect(access('/login')).toBe('visitor');
    expect(access('/apply')).toBe('visitor');
    expect(access('/')).toEqual(ROLES);
    expect(access('/funds/:id')).toEqual(['admin', 'staff', 'fund_manager']);
    expect(access('/applications/new/:programmeId')).toEqual(['project_holder']);
    expect(access('/invest')).toBe('visitor');
    expect(access('/invest/:id')).toBe('visitor');
    expect(access('/my/bonds')).toEqual(['investor']);
  });

  it('names every page once, with an absolute path, and leaves out the catch-all', () => {
    const paths = pages.map((page) => page.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.every((path) => path.startsWith('/') && !path.includes('//'))).toBe(true);
    expect(paths).not.toContain('/*');
  });
});
