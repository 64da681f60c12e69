import { describe, expect, it } from 'vitest';
import { reachFromText } from '../../api/src/lib/scope';

/** The session's reach is kept by the text of the memberships it is built from: never stale, never shared for change. */
const root = { id: '11111111-1111-4111-8111-111111111111', path: '/11111111-1111-4111-8111-111111111111/' };
const city = { id: '22222222-2222-4222-8222-222222222222', path: `${root.path}22222222-2222-4222-8222-222222222222/` };
const text = (value: unknown) => JSON.stringify(value);

describe('the reach of a session', () => {
  it('is built once per membership text, and another text (a role added) gives another reach', () => {
    const held = text([{ role: 'staff', heldOn: city.id, path: city.path }]);
    const below = text([city]);
    const first = reachFromText(held, below);
    expect(first.reach.byRole).toEqual({ staff: [city.id] });
    expect(reachFromText(held, below)).toBe(first);

    const more = reachFromText(text([{ role: 'fund_manager', heldOn: city.id, path: city.path }, { role: 'staff', heldOn: city.id, path: city.path }]), below);
    expect(more).not.toBe(first);
    expect(more.reach.byRole).toEqual({ staff: [city.id], fund_manager: [city.id] });
    // A structure added under a node held: the text of what is below changes, and so does the reach.
    const wider = reachFromText(text([{ role: 'staff', heldOn: root.id, path: root.path }]), text([root, city]));
    expect(wider.reach.byRole.staff).toEqual([root.id, city.id]);
  });

  it('cannot be changed by one request for the next', () => {
    const loaded = reachFromText(text([{ role: 'coach', heldOn: city.id, path: city.path }]), text([city]));
    expect(() => loaded.reach.byRole.coach!.push(root.id)).toThrow(TypeError);
    expect(() => {
      (loaded.reach.paths as Record<string, string>)[root.id] = root.path;
    }).toThrow(TypeError);
    expect(() => loaded.memberships.push({ structureId: root.id, role: 'admin' })).toThrow(TypeError);
    expect(loaded.reach.byRole.coach).toEqual([city.id]);
  });
});
