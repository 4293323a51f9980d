import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The frame of the signed-out pages: the product's name and one card. */
export function AuthLayout({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <Link to="/" className="brand auth-brand">
          Cellgraph
        </Link>
        <h1>{title}</h1>
        {children}
        {footer ? <div className="auth-footer">{footer}</div> : null}
      </div>
    </main>
  );
}
