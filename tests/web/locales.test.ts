import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../web/src/app/i18n-resources';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe('admin strings', () => {
  it('has every namespace in French and in English', () => {
    expect(Object.keys(RESOURCES.en).sort()).toEqual(Object.keys(RESOURCES.fr).sort());
  });

  it.each(Object.keys(RESOURCES.fr))('says everything of the %s namespace in both languages, ', (namespace) => {
    const fr = keysOf(RESOURCES.fr[namespace]).sort();
    const en = keysOf(RESOURCES.en[namespace]).sort();
    expect(en).toEqual(fr);
  });
});
