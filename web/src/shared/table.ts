import { useCallback, useEffect, useRef, useState } from 'react';
import type { PaginationProps, TablePaginationConfig, TableProps } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import type { Page, Query } from './api.ts';
import { useApiError } from './feedback.ts';
import { useIsPhone } from './useIsPhone.ts';
import { useT } from '../app/i18n.ts';
import { common } from './messages.ts';

/** antd's sorter → the API's `sort` parameter (`name` or `-name`), or undefined. */
export function sortParam<T>(sorter: SorterResult<T> | SorterResult<T>[]): string | undefined {
  const list = (Array.isArray(sorter) ? sorter : [sorter]).filter((s) => s.order && (s.columnKey ?? s.field));
  if (list.length === 0) return undefined;
  return list
    .map((s) => {
      const key = String(s.columnKey ?? (Array.isArray(s.field) ? s.field.join('.') : s.field));
      return s.order === 'descend' ? `-${key}` : key;
    })
    .join(',');
}

export interface PagedState<F> {
  page: number;
  pageSize: number;
  sort?: string;
  filters: F;
}

/**
 * A server-paged table: holds page, size, sort and filters, loads through `fetcher`, and gives the
 * props for antd's Table. Changing filters goes back to page 1.
 */
export function usePagedTable<T, F extends Query>(
  fetcher: (query: Query) => Promise<Page<T>>,
  initialFilters: F,
  initialPageSize = 20,
) {
  const [state, setState] = useState<PagedState<F>>({
    page: 1,
    pageSize: initialPageSize,
    filters: initialFilters,
  });
  const [data, setData] = useState<Page<T> | null>(null);
  const [doneKey, setDoneKey] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const showError = useApiError();
  const isPhone = useIsPhone();
  const c = useT(common);
  const fetcherRef = useRef(fetcher);
  useEffect(() => {
    fetcherRef.current = fetcher;
  }, [fetcher]);

  // a request is identified by its parameters and the reload tick; it is loading until its answer came
  const requestKey = `${JSON.stringify(state)}#${tick}`;
  useEffect(() => {
    let live = true;
    fetcherRef
      .current({ page: state.page, pageSize: state.pageSize, sort: state.sort, ...state.filters })
      .then(
        (answer) => live && setData(answer),
        (e: unknown) => live && showError(e),
      )
      .finally(() => live && setDoneKey(requestKey));
    return () => {
      live = false;
    };
  }, [state, requestKey, showError]);
  const loading = doneKey !== requestKey;

  const setFilters = useCallback((next: Partial<F>) => {
    setState((s) =>
      Object.entries(next).every(([k, v]) => s.filters[k] === v)
        ? s
        : { ...s, page: 1, filters: { ...s.filters, ...next } },
    );
  }, []);
  const resetFilters = useCallback(
    () => setState((s) => ({ ...s, page: 1, filters: initialFilters })),
    [initialFilters],
  );
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const setPage = useCallback((page: number, pageSize?: number) => {
    setState((s) => ({
      ...s,
      page: pageSize && pageSize !== s.pageSize ? 1 : page,
      pageSize: pageSize ?? s.pageSize,
    }));
  }, []);

  const pagination: TablePaginationConfig = {
    current: state.page,
    pageSize: state.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: !isPhone,
    simple: isPhone,
    showTotal: isPhone ? undefined : (total) => c('total', { total }),
  };

  const onChange: TableProps<T>['onChange'] = (p, _filters, sorter) => {
    setState((s) => ({
      ...s,
      page: p.pageSize !== s.pageSize ? 1 : (p.current ?? 1),
      pageSize: p.pageSize ?? s.pageSize,
      sort: sortParam(sorter),
    }));
  };

  return {
    data,
    loading,
    filters: state.filters,
    query: { page: state.page, pageSize: state.pageSize, sort: state.sort, ...state.filters } as Query,
    setFilters,
    resetFilters,
    reload,
    setPage,
    /** pagination for a List (phone layouts and card lists) */
    listPagination: {
      current: state.page,
      pageSize: state.pageSize,
      total: data?.total ?? 0,
      simple: isPhone,
      showSizeChanger: false,
      onChange: setPage,
    } satisfies PaginationProps,
    tableProps: {
      dataSource: data?.items ?? [],
      loading,
      pagination,
      onChange,
      scroll: { x: 'max-content' as const },
      size: isPhone ? ('small' as const) : ('middle' as const),
    },
  };
}
