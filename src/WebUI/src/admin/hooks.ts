import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth';
import { getCaller, getList } from './api';
import { useListState, type ListSpec } from './listState';

export const ADMIN_QUERY_KEY = ['admin'] as const;

export function adminListKey(resource: string, query: string) {
  return ['admin', resource, query] as const;
}

/** One admin list: its URL state and the page of rows it asks for. */
export function useAdminList<T>(resource: string, spec: ListSpec) {
  const { apiKey } = useAuth();
  const list = useListState(spec);
  const result = useQuery({
    queryKey: adminListKey(resource, list.query),
    queryFn: ({ signal }) => getList<T>(apiKey ?? '', resource, list.query, signal),
    enabled: apiKey !== null,
    placeholderData: keepPreviousData,
  });
  return { list, result };
}

/** Who the key belongs to (GET /api/me): decides whether the admin screens may load any data. */
export function useCaller() {
  const { apiKey } = useAuth();
  return useQuery({
    queryKey: ['me'],
    queryFn: ({ signal }) => getCaller(apiKey ?? '', signal),
    enabled: apiKey !== null,
    staleTime: 60_000,
  });
}
