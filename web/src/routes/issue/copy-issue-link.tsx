import { useEffect, useState } from 'react';
import { paths } from '../../lib/paths';

/** Copies the issue's absolute URL; the result is announced to screen readers too. */
export function CopyIssueLink({ org, shortId }: { org: string; shortId: string }) {
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(''), 3000);
    return () => clearTimeout(timer);
  }, [message]);
  const copy = async () => {
    const url = new URL(paths.issue(org, shortId), window.location.origin).toString();
    try {
      await navigator.clipboard.writeText(url);
      setMessage('Link copied');
    } catch {
      setMessage(`Could not copy: ${url}`);
    }
  };
  return (
    <span className="copy-link">
      <button type="button" className="small" onClick={() => void copy()}>
        Copy link
      </button>
      <span className="muted" role="status" aria-live="polite">
        {message}
      </span>
    </span>
  );
}
