import type { TablePaginationConfig } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ListQuery, Page } from './api-types.ts';
import { useT } from './i18n.ts';
import { useShowError } from './use-show-error.ts';

const DEFAULT_PAGE_SIZE = 20;
const PAGE_SIZES = [10, 20, 50, 100];

export type Filters<K extends string> = Readonly<Record<K, string>>;

/**
 * A server-paged list whose page and filters live in the URL, so reload, back and shared links
 * show the same rows. `load` must be stable (useCallback).
 */
export function usePagedList<T, K extends string>(
  load: (query: ListQuery) => Promise<Page<T>>,
  filterKeys: readonly K[],
) {
  const t = useT();
  const showError = useShowError();
  const [params, setParams] = useSearchParams();
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  // A string key keeps `filters` stable while the URL's filter values stay the same.
  const filterSignature = new URLSearchParams(
    filterKeys.map((key) => [key, params.get(key) ?? '']),
  ).toString();
  const filters = useMemo(
    () => Object.fromEntries(new URLSearchParams(filterSignature)) as Filters<K>,
    [filterSignature],
  );
  const [data, setData] = useState<Page<T> | null>(null);
  const [loading, setLoading] = useState(false);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    load({ page, pageSize, ...filters })
      .then((result) => current && setData(result))
      .catch((error: unknown) => current && showError(error))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [load, page, pageSize, filters, reloads, showError]);

  /** Replaces the filters (empty values are dropped) and goes back to the first page. */
  const setFilters = useCallback(
    (next: Partial<Filters<K>>) =>
      setParams((previous) => {
        const merged = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(next)) {
          if (value) merged.set(key, String(value));
          else merged.delete(key);
        }
        merged.delete('page');
        return merged;
      }),
    [setParams],
  );

  const setPage = useCallback(
    (nextPage: number, nextPageSize: number) =>
      setParams((previous) => {
        const merged = new URLSearchParams(previous);
        merged.set('page', String(nextPageSize === pageSize ? nextPage : 1));
        merged.set('pageSize', String(nextPageSize));
        return merged;
      }),
    [setParams, pageSize],
  );

  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal: (total) => t('common.total', { total }),
    onChange: setPage,
  };

  return {
    items: data?.items ?? [],
    loading,
    filters,
    setFilters,
    pagination,
    reload: useCallback(() => setReloads((count) => count + 1), []),
  };
}

function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}
