import { Badge, Button, Card, Group, Loader, ScrollArea, Select, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, toQuery } from '../lib/api-client';
import { EmptyState } from './empty-state';
import { ErrorState } from './error-state';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  width?: number | string;
}

export interface ListFilter {
  name: string;
  label: string;
  options: { value: string; label: string }[];
}

export interface DataListProps<T> {
  /** Query key prefix; filters and search are appended. */
  queryKey: readonly unknown[];
  /** GET endpoint answering { items, nextCursor } with ?cursor&limit plus the filters. */
  endpoint: string;
  /** CSV endpoint taking the same filters; omit to hide the export button. */
  exportEndpoint?: string;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  filters?: ListFilter[];
  /** Extra fixed filters (not shown), e.g. a parent's id. */
  baseParams?: Record<string, string>;
  searchPlaceholder?: string;
  /** Date-range or other custom controls; their values join the query. */
  extraParams?: Record<string, string | undefined>;
  onRowClick?: (row: T) => void;
  emptyTitle?: string;
  emptyHint?: string;
  /** What to do next when the list is empty (a link to the form that fills it). */
  emptyAction?: ReactNode;
  pageSize?: number;
  toolbar?: ReactNode;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The admin's one list: search, filters, keyset pages ("load more"), CSV export, loading and empty states. */
export function DataList<T>(props: DataListProps<T>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [filterValues, setFilterValues] = useState<Record<string, string | null>>({});
  const params: Record<string, string | undefined> = {
    ...props.baseParams,
    ...props.extraParams,
    q: props.searchPlaceholder ? debouncedSearch.trim() || undefined : undefined,
    ...Object.fromEntries(Object.entries(filterValues).map(([k, v]) => [k, v ?? undefined])),
  };
  const query = useInfiniteQuery({
    queryKey: [...props.queryKey, params],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<T>>(`${props.endpoint}${toQuery({ ...params, cursor: pageParam, limit: props.pageSize ?? 50 })}`, { signal }),
    getNextPageParam: (last) => last.nextCursor,
    // Keep showing the last rows while a new search or filter loads, instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card withBorder radius="md" p={0} data-list>
      <Group p="md" gap="sm" wrap="wrap" justify="space-between" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
        <Group gap="sm" wrap="wrap">
          {props.searchPlaceholder && (
            <TextInput
              aria-label={props.searchPlaceholder}
              placeholder={props.searchPlaceholder}
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={260}
              maw="100%"
            />
          )}
          {props.filters?.map((filter) => (
            <Select
              key={filter.name}
              aria-label={filter.label}
              placeholder={filter.label}
              data={filter.options}
              clearable
              value={filterValues[filter.name] ?? null}
              onChange={(value) => setFilterValues((current) => ({ ...current, [filter.name]: value }))}
              w={200}
              maw="100%"
            />
          ))}
          {props.toolbar}
        </Group>
        <Group gap="sm">
          {query.isFetching && !query.isLoading && <Loader size="xs" />}
          {rows.length > 0 && (
            <Badge variant="light" color="gray">
              {query.hasNextPage ? t('list.countMore', { count: rows.length }) : t('list.count', { count: rows.length })}
            </Badge>
          )}
          {props.exportEndpoint && (
            <Button
              component="a"
              href={`${props.exportEndpoint}${toQuery({ ...params })}`}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              {t('list.exportCsv')}
            </Button>
          )}
        </Group>
      </Group>
      {query.isError ? (
        <Stack p="md"><ErrorState error={query.error} onRetry={() => void query.refetch()} /></Stack>
      ) : query.isLoading ? (
        <Stack p="md" gap="xs" aria-busy="true">
          {Array.from({ length: 6 }, (_, i) => <Skeleton key={i} height={28} radius="sm" />)}
        </Stack>
      ) : rows.length === 0 ? (
        <EmptyState title={props.emptyTitle ?? t('list.empty')} hint={props.emptyHint} action={props.emptyAction} />
      ) : (
        <ScrollArea>
          <Table highlightOnHover={Boolean(props.onRowClick)} verticalSpacing="sm" horizontalSpacing="md" striped="even">
            <Table.Thead>
              <Table.Tr>
                {props.columns.map((col) => (
                  <Table.Th key={col.key} style={{ width: col.width }}>{col.header}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={props.rowKey(row)} onClick={props.onRowClick ? () => props.onRowClick!(row) : undefined} style={{ cursor: props.onRowClick ? 'pointer' : undefined }}>
                  {props.columns.map((col) => (
                    <Table.Td key={col.key}>{col.render(row)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      {query.hasNextPage && (
        <Group justify="center" p="md">
          <Button variant="subtle" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>{t('list.loadMore')}</Button>
        </Group>
      )}
      {!query.hasNextPage && rows.length > 0 && (
        <Text size="xs" c="dimmed" ta="center" p="sm">{t('list.end')}</Text>
      )}
    </Card>
  );
}
