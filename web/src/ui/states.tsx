import type { ReactNode } from 'react';
import { describeError } from '../app/errors';
import { Button } from './controls';
import { useT } from '../app/i18n';
import { m } from './messages';

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden />
      <span>{label ?? t(m.loading)}</span>
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children ? <p className="state-text">{children}</p> : null}
      {action}
    </div>
  );
}

/** A failed load: the error's message in words, and a retry when the caller can retry. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const t = useT();
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{describeError(error)}</p>
      {retry ? <Button onClick={retry}>{t(m.tryAgain)}</Button> : null}
    </div>
  );
}

/** A message under a form or action (an error, or a confirmation). */
export function Notice({ tone = 'error', children }: { tone?: 'error' | 'success' | 'info'; children: ReactNode }) {
  if (!children) return null;
  return (
    <p className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}
