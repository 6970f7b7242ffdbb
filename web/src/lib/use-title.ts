import { useEffect } from 'react';

/** The tab's title: "<what> · Vigil". */
export function useTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Vigil` : 'Vigil';
  }, [title]);
}
