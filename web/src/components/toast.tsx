import { useEffect } from 'react';

export interface ToastMessage {
  id: number;
  text: string;
  /** Offered as a button beside the text, e.g. undo. */
  action?: { label: string; run: () => void };
}

/** One short-lived confirmation, announced politely; it leaves after a while or when acted on. */
export function Toast({ toast, onDismiss, timeoutMs = 8000 }: { toast: ToastMessage | null; onDismiss: () => void; timeoutMs?: number }) {
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(onDismiss, timeoutMs);
    return () => clearTimeout(timer);
  }, [toast, onDismiss, timeoutMs]);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className="toast" key={toast.id}>
          <span>{toast.text}</span>
          {toast.action && (
            <button
              type="button"
              className="small"
              onClick={() => {
                toast.action?.run();
                onDismiss();
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button type="button" className="small link" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
