import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError, MESSAGES } from './api/client';

export const API_KEY_STORAGE = 'cleandashboard.apiKey';

interface AuthContextValue {
  apiKey: string | null;
  /** A message for the sign-in page, e.g. why the session ended. */
  notice: string | null;
  signIn: (apiKey: string) => void;
  signOut: () => void;
  /** The API rejected the key: forget it and send the user back to sign in. */
  expire: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

function readStoredKey(): string | null {
  try {
    return window.sessionStorage.getItem(API_KEY_STORAGE);
  } catch {
    return null;
  }
}

function storeKey(apiKey: string | null): void {
  try {
    if (apiKey === null) window.sessionStorage.removeItem(API_KEY_STORAGE);
    else window.sessionStorage.setItem(API_KEY_STORAGE, apiKey);
  } catch {
    // Storage can be disabled; the key then lives only in memory for this page.
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [apiKey, setApiKey] = useState<string | null>(readStoredKey);
  const [notice, setNotice] = useState<string | null>(null);

  const signIn = useCallback((key: string) => {
    storeKey(key);
    setNotice(null);
    setApiKey(key);
  }, []);

  const forget = useCallback(
    (message: string | null) => {
      storeKey(null);
      setApiKey(null);
      setNotice(message);
      queryClient.cancelQueries();
      queryClient.clear();
    },
    [queryClient],
  );

  const signOut = useCallback(() => forget(null), [forget]);
  const expire = useCallback(() => forget(MESSAGES.sessionEnded), [forget]);

  // Any 401 from any query or mutation ends the session.
  useEffect(() => {
    const onError = (error: unknown) => {
      if (isApiError(error, 'unauthorized')) expire();
    };
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [queryClient, expire]);

  const value = useMemo(
    () => ({ apiKey, notice, signIn, signOut, expire }),
    [apiKey, notice, signIn, signOut, expire],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth must be used inside <AuthProvider>');
  return context;
}
