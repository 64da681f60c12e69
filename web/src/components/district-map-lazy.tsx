import { Skeleton } from '@mantine/core';
import { lazy, Suspense, type ComponentProps } from 'react';

const DistrictMapChunk = lazy(async () => ({ default: (await import('./district-map')).DistrictMap }));

/**
 * The district map, fetched with its projection code (d3-geo) while the page's figures load: for the public pages,
 * whose first download has a budget. Admin pages, already chunks of their own, import DistrictMap directly.
 */
export function LazyDistrictMap(props: ComponentProps<typeof DistrictMapChunk>) {
  return (
    <Suspense fallback={<Skeleton height={props.height ?? 360} radius="md" />}>
      <DistrictMapChunk {...props} />
    </Suspense>
  );
}
