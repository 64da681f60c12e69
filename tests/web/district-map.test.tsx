// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import type { FeatureCollection } from 'geojson';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classBreaks, classOf, DistrictMap, MAP_COLOURS, rewindGeometry } from '../../web/src/components/district-map';
import { renderWithProviders } from './render';

/** Three squares side by side, drawn anticlockwise as RFC 7946 wants (d3-geo would read them as the whole globe minus the square). */
const square = (lon: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon, 45.5],
      [lon + 0.01, 45.5],
      [lon + 0.01, 45.51],
      [lon, 45.51],
      [lon, 45.5],
    ],
  ],
});
const districts = [
  { name: 'Nord', geometry: square(-73.6) },
  { name: 'Centre', geometry: square(-73.59) },
  { name: 'Sud', geometry: square(-73.58) },
];

afterEach(cleanup);

describe('class breaks', () => {
  it('cuts 0..max in five equal classes and puts each figure in its class', () => {
    expect(classBreaks([0, 10, 50])).toEqual([10, 20, 30, 40, 50]);
    expect(classOf(0, [10, 20, 30, 40, 50])).toBe(0);
    expect(classOf(10, [10, 20, 30, 40, 50])).toBe(0);
    expect(classOf(11, [10, 20, 30, 40, 50])).toBe(1);
    expect(classOf(50, [10, 20, 30, 40, 50])).toBe(4);
    expect(classBreaks([])).toEqual([]);
    expect(classBreaks([7, 7])).toEqual([2, 3, 5, 6, 7]);
    expect(classBreaks([0, 0])).toEqual([0, 0, 0, 0, 0]);
    expect(classBreaks([0.5, 1])).toEqual([0.2, 0.4, 0.6000000000000001, 0.8, 1]);
  });

  it('turns an anticlockwise GeoJSON ring round for d3-geo, and leaves a clockwise one', () => {
    const turned = rewindGeometry(square(0));
    expect(turned.type === 'Polygon' && turned.coordinates[0][1]).toEqual([0, 45.51]);
    expect(rewindGeometry(turned)).toEqual(turned);
  });
});

describe('DistrictMap', () => {
  it('draws one focusable button per district, coloured by its figure, with its name and figure', () => {
    renderWithProviders(<DistrictMap districts={districts} values={{ Nord: 50, Centre: 10 }} legendTitle="Acteurs" noDataLabel="Aucun" format={(n) => `${n} acteurs`} />);
    const nord = screen.getByRole('button', { name: 'Nord : 50 acteurs' });
    const centre = screen.getByRole('button', { name: 'Centre : 10 acteurs' });
    const sud = screen.getByRole('button', { name: 'Sud : Aucun' });
    expect(nord.getAttribute('fill')).toBe(MAP_COLOURS[4]);
    expect(centre.getAttribute('fill')).toBe(MAP_COLOURS[0]);
    expect(sud.getAttribute('fill')).toBe('#eceff1');
    expect(nord.getAttribute('tabindex')).toBe('0');
    expect(nord.querySelector('title')?.textContent).toBe('Nord : 50 acteurs');
    // Projected into the drawing: a path with real coordinates, not the whole globe.
    const d = nord.getAttribute('d') ?? '';
    expect(d).toMatch(/^M[\d.]+,[\d.]+L/);
    const xs = [...d.matchAll(/([\d.]+),([\d.]+)/g)].map((m) => Number(m[1]));
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(480 / 2);
    const legend = screen.getByTestId('district-map-legend');
    expect(legend.textContent).toContain('Acteurs');
    expect(legend.textContent).toContain('40 acteurs – 50 acteurs');
    expect(legend.textContent).toContain('Aucun');
  });

  it('selects a district by click or by keyboard, and marks the selected one', () => {
    const onSelect = vi.fn();
    renderWithProviders(<DistrictMap districts={districts} values={{ Nord: 1 }} legendTitle="Acteurs" selected="Centre" onSelect={onSelect} />);
    fireEvent.click(screen.getByRole('button', { name: /^Nord/ }));
    expect(onSelect).toHaveBeenLastCalledWith('Nord');
    fireEvent.keyDown(screen.getByRole('button', { name: /^Sud/ }), { key: 'Enter' });
    expect(onSelect).toHaveBeenLastCalledWith('Sud');
    fireEvent.keyDown(screen.getByRole('button', { name: /^Sud/ }), { key: ' ' });
    expect(onSelect).toHaveBeenCalledTimes(3);
    expect(screen.getByRole('button', { name: /^Centre/ }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: /^Nord/ }).getAttribute('aria-pressed')).toBe('false');
    fireEvent.focus(screen.getByRole('button', { name: /^Nord/ }));
    expect(screen.getByTestId('district-map-hover').textContent).toBe('Nord : 1');
  });

  it('draws a GeoJSON FeatureCollection, such as the demo cities shipped in seeds/geo', () => {
    const montreal = JSON.parse(readFileSync('seeds/geo/montreal.geojson', 'utf8')) as FeatureCollection;
    renderWithProviders(<DistrictMap geojson={montreal} values={{ Verdun: 3, 'Ville-Marie': 7 }} legendTitle="Acteurs" />);
    expect(screen.getAllByRole('button')).toHaveLength(19);
    expect(screen.getByRole('button', { name: 'Ville-Marie : 7' }).getAttribute('fill')).toBe(MAP_COLOURS[4]);
    for (const path of screen.getAllByRole('button')) expect(path.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
  });
});
