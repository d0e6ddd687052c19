"use client";
/** A short-lived message at the bottom of the page with one action, announced to screen readers. */
import { useEffect } from "react";

export type ToastMessage = { id: number; text: string; action?: { label: string; run: () => void } };

const VISIBLE_MS = 8_000;

export function Toast({ toast, onDismiss }: { toast: ToastMessage | null; onDismiss: () => void }) {
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(onDismiss, VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [toast, onDismiss]);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast ? (
        <div className="toast" key={toast.id}>
          <span>{toast.text}</span>
          {toast.action ? (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                toast.action?.run();
                onDismiss();
              }}
            >
              {toast.action.label}
            </button>
          ) : null}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
            <span aria-hidden>✕</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
