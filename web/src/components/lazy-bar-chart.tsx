import type { BarChartProps } from '@mantine/charts';
import { Skeleton } from '@mantine/core';
import { lazy, Suspense } from 'react';

// The charts library (recharts and its dependencies) is the heaviest piece of the admin: fetched with the first chart shown.
const BarChart = lazy(async () => ({ default: (await import('@mantine/charts')).BarChart }));

/** Mantine's BarChart, whose code arrives when it is first drawn; a placeholder of its height meanwhile. */
export function LazyBarChart(props: BarChartProps) {
  return (
    <Suspense fallback={<Skeleton h={props.h ?? 200} radius="sm" />}>
      <BarChart {...props} />
    </Suspense>
  );
}
