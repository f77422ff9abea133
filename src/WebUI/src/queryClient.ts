import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { isTransient } from './api/client';

export const REFRESH_INTERVAL_MS = 30_000;

export function createQueryClient({ retryDelayMs = 1000 }: { retryDelayMs?: number } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // One quick retry for a blip; the error state (with Retry) must not take long to show.
        retry: (failureCount, error) => isTransient(error) && failureCount < 1,
        retryDelay: retryDelayMs,
        refetchOnWindowFocus: true,
        staleTime: 10_000,
      },
      mutations: { retry: false },
    },
  });
}

/**
 * After a change the server has confirmed: the queries under each key are read again, the active ones now.
 * A first read still in flight may have been answered before the change, and TanStack Query would hand out
 * that answer (it restarts an in-flight fetch only when the query already holds data), so it is cancelled first.
 */
export async function refetchAfterChange(queryClient: QueryClient, ...queryKeys: QueryKey[]): Promise<void> {
  await Promise.all(queryKeys.map((queryKey) => queryClient.cancelQueries({ queryKey })));
  await Promise.all(queryKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
