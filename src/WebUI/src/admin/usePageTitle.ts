import { useEffect } from 'react';

/** The browser tab's title for an admin page. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Admin · CleanDashboard`;
  }, [title]);
}
