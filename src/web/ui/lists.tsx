import { Button, Group, Text } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, type QueryParams } from '../app/api';
import { t } from '../i18n/t';
import { ErrorAlert } from './ErrorAlert';
import { TableSkeleton } from './TableSkeleton';

export const PAGE_SIZE = 25;

type Page<T> = { items: T[]; nextCursor: string | null };

/** A cursor-paginated list endpoint as one growing list ("load more"), keyed by its filters. */
export function useCursorList<T>(key: readonly unknown[], path: string, filters: QueryParams) {
  const query = useInfiniteQuery({
    queryKey: [...key, filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<T>>(path, { ...filters, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...query, items };
}

type FooterProps = {
  count: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
};

/** "Showing 25 — more available" and the button that fetches the next page. */
export function ListFooter({ count, hasNextPage, isFetchingNextPage, fetchNextPage }: FooterProps) {
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed" aria-live="polite">
        {hasNextPage ? t('common.showingCountMore', { count }) : t('common.showingCount', { count })}
      </Text>
      {hasNextPage && (
        <Button variant="default" onClick={() => fetchNextPage()} loading={isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </Group>
  );
}

/** Every page of a list, for pickers and name lookups (capped; directories are small). */
export async function fetchAllPages<T>(path: string, filters: QueryParams = {}, maxPages = 20): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pageNo = 0; pageNo < maxPages; pageNo++) {
    const page = await api.get<Page<T>>(path, { ...filters, limit: 100, cursor });
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

type ListContentProps = {
  list: Omit<FooterProps, 'count'> & {
    items: unknown[];
    isPending: boolean;
    isError: boolean;
    error: unknown;
    refetch: () => unknown;
  };
  empty: ReactNode;
  skeletonRows?: number;
  children: ReactNode;
};

/** A list page's body: skeleton while loading, an error with a retry, the empty state, or the table and its footer. */
export function ListContent({ list, empty, skeletonRows, children }: ListContentProps) {
  if (list.isPending) return <TableSkeleton rows={skeletonRows} />;
  if (list.isError) return <ErrorAlert error={list.error} onRetry={() => list.refetch()} />;
  if (list.items.length === 0) return empty;
  return (
    <>
      {children}
      <ListFooter {...list} count={list.items.length} />
    </>
  );
}
