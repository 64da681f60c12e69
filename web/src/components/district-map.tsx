import { Box, Group, Stack, Text } from '@mantine/core';
import { geoArea, geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { useMemo, useState, type KeyboardEvent } from 'react';

/** A district as the API gives it: its name (what projects and organisations carry) and its outline. */
export interface DistrictShape {
  name: string;
  geometry: Geometry;
}

export interface DistrictMapProps {
  /** The outlines: a FeatureCollection whose features carry a `name` property, or the API's districts. */
  geojson?: FeatureCollection;
  districts?: readonly DistrictShape[];
  /** The figure of each district, by district name; a district without one is drawn grey. */
  values: Record<string, number>;
  selected?: string | null;
  onSelect?: (name: string) => void;
  format?: (value: number) => string;
  legendTitle: string;
  /** What the legend says for a district without a figure. */
  noDataLabel?: string;
  /** The accessible name of the whole map. */
  label?: string;
  width?: number;
  height?: number;
}

/** Five sequential classes, light to dark (ColorBrewer "Blues"). */
export const MAP_COLOURS = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;
const NO_DATA = '#eceff1';
const SELECTED_STROKE = '#e8590c';

/** The upper bound of each of the five classes: equal steps from 0 (or the least figure, if negative) to the greatest. */
export function classBreaks(values: readonly number[]): number[] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  const min = Math.min(0, ...finite);
  const max = Math.max(...finite);
  if (max === min) return [max, max, max, max, max];
  const step = (max - min) / MAP_COLOURS.length;
  // Counts get whole-number bounds, so the legend reads "0 – 2", not "0 – 1.4".
  const whole = finite.every(Number.isInteger);
  return MAP_COLOURS.map((_, i) => (i === MAP_COLOURS.length - 1 ? max : whole ? Math.ceil(min + step * (i + 1)) : min + step * (i + 1)));
}

/** The class (0-4) of a figure given the breaks. */
export function classOf(value: number, breaks: readonly number[]): number {
  const index = breaks.findIndex((upper) => value <= upper);
  return index === -1 ? breaks.length - 1 : index;
}

/**
 * d3-geo reads rings on the sphere: an exterior ring must run clockwise, whereas GeoJSON (RFC 7946) draws
 * it anticlockwise. A ring that would enclose more than half the globe is the wrong way round: turn it.
 */
function rewindRing(ring: Position[], exterior: boolean): Position[] {
  const area = geoArea({ type: 'Polygon', coordinates: [ring] });
  const inverted = area > 2 * Math.PI;
  return inverted === exterior ? [...ring].reverse() : ring;
}

function rewindPolygon(rings: Position[][]): Position[][] {
  return rings.map((ring, i) => rewindRing(ring, i === 0));
}

export function rewindGeometry(geometry: Geometry): Geometry {
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: rewindPolygon(geometry.coordinates) } satisfies Polygon;
  if (geometry.type === 'MultiPolygon') return { ...geometry, coordinates: geometry.coordinates.map(rewindPolygon) } satisfies MultiPolygon;
  return geometry;
}

function featuresOf(geojson: FeatureCollection | undefined, districts: readonly DistrictShape[] | undefined): Feature<Geometry, { name: string }>[] {
  if (districts) return districts.map((d) => ({ type: 'Feature', properties: { name: d.name }, geometry: rewindGeometry(d.geometry) }));
  return (geojson?.features ?? [])
    .filter((f) => f.geometry && typeof f.properties?.name === 'string')
    .map((f) => ({ type: 'Feature', properties: { name: String(f.properties?.name) }, geometry: rewindGeometry(f.geometry) }));
}

/**
 * A choropleth of a territory's districts drawn as SVG (no tile server): each district coloured by its
 * figure in five classes, with a legend. Each district is a button: click or Enter selects it.
 */
export function DistrictMap({
  geojson,
  districts,
  values,
  selected,
  onSelect,
  format = (v) => String(v),
  legendTitle,
  noDataLabel = '—',
  label,
  width = 480,
  height = 360,
}: DistrictMapProps) {
  const [hovered, setHovered] = useState<string | null>(null);
  const features = useMemo(() => featuresOf(geojson, districts), [geojson, districts]);
  const shapes = useMemo(() => {
    if (features.length === 0) return [];
    const collection: FeatureCollection = { type: 'FeatureCollection', features };
    const projection = geoMercator().fitSize([width, height], collection);
    const path = geoPath(projection);
    return features.map((f) => ({ name: f.properties.name, d: path(f) ?? '' }));
  }, [features, width, height]);
  const breaks = useMemo(() => classBreaks(shapes.map((s) => values[s.name]).filter((v): v is number => v !== undefined)), [shapes, values]);
  const hasNoData = shapes.some((s) => values[s.name] === undefined);

  const colourOf = (name: string) => {
    const value = values[name];
    return value === undefined || breaks.length === 0 ? NO_DATA : MAP_COLOURS[classOf(value, breaks)];
  };
  const describe = (name: string) => `${name} : ${values[name] === undefined ? noDataLabel : format(values[name])}`;
  const onKey = (name: string) => (event: KeyboardEvent<SVGPathElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect?.(name);
    }
  };
  // The selected district is drawn last, so its outline is not hidden under its neighbours'.
  const ordered = [...shapes].sort((a, b) => Number(a.name === selected) - Number(b.name === selected));
  const lowerOf = (i: number) => (i === 0 ? Math.min(0, breaks[0]) : breaks[i - 1]);

  return (
    <Stack gap="xs" data-testid="district-map">
      <Box component="svg" viewBox={`0 0 ${width} ${height}`} role="group" aria-label={label ?? legendTitle} style={{ width: '100%', height: 'auto', maxHeight: height }}>
        {ordered.map((shape) => {
          const isSelected = shape.name === selected;
          return (
            <path
              key={shape.name}
              d={shape.d}
              fill={colourOf(shape.name)}
              stroke={isSelected ? SELECTED_STROKE : '#ffffff'}
              strokeWidth={isSelected ? 2.5 : hovered === shape.name ? 1.8 : 1}
              role="button"
              tabIndex={0}
              aria-label={describe(shape.name)}
              aria-pressed={isSelected}
              data-district={shape.name}
              style={{ cursor: onSelect ? 'pointer' : 'default', outline: 'none' }}
              onClick={() => onSelect?.(shape.name)}
              onKeyDown={onKey(shape.name)}
              onMouseEnter={() => setHovered(shape.name)}
              onMouseLeave={() => setHovered(null)}
              onFocus={() => setHovered(shape.name)}
              onBlur={() => setHovered(null)}
            >
              <title>{describe(shape.name)}</title>
            </path>
          );
        })}
      </Box>
      <Text size="sm" mih={20} aria-live="polite" data-testid="district-map-hover">
        {hovered ? describe(hovered) : ''}
      </Text>
      {breaks.length > 0 && (
        <Stack gap={4} aria-label={legendTitle} data-testid="district-map-legend">
          <Text size="xs" fw={600}>{legendTitle}</Text>
          <Group gap="sm" wrap="wrap">
            {MAP_COLOURS.map((colour, i) =>
              i > 0 && breaks[i] === breaks[i - 1] ? null : (
                <Group key={colour} gap={4} wrap="nowrap">
                  <Box w={14} h={14} style={{ background: colour, borderRadius: 2 }} />
                  <Text size="xs">{breaks[0] === breaks[4] ? format(breaks[0]) : `${format(lowerOf(i))} – ${format(breaks[i])}`}</Text>
                </Group>
              ),
            )}
            {hasNoData && (
              <Group gap={4} wrap="nowrap">
                <Box w={14} h={14} style={{ background: NO_DATA, borderRadius: 2, border: '1px solid #cfd8dc' }} />
                <Text size="xs">{noDataLabel}</Text>
              </Group>
            )}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
