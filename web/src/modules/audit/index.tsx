import { lazy, Suspense } from 'react';
import type { ModuleDefinition } from '../../app/registry';
import { Loading } from '../../ui/states';
import { m } from './messages';

const LazyAuditLog = lazy(() => import('./AuditLogPage').then((page) => ({ default: page.AuditLogPage })));

function AuditLog() {
  return (
    <Suspense fallback={<Loading />}>
      <LazyAuditLog />
    </Suspense>
  );
}

/** The audit log: a page under Settings for owners and admins (others get the server's FORBIDDEN). */
export const auditModule: ModuleDefinition = {
  subgraph: 'audit',
  settings: [{ label: m.auditLog, path: 'audit-log', element: AuditLog }],
};
