import { QueryClient } from '@tanstack/react-query';
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
