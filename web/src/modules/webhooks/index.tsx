import { lazy, Suspense } from 'react';
import type { ModuleDefinition } from '../../app/registry';
import { Loading } from '../../ui/states';
import { m } from './messages';

const LazyWebhooks = lazy(() => import('./WebhooksPage').then((page) => ({ default: page.WebhooksPage })));

function Webhooks() {
  return (
    <Suspense fallback={<Loading />}>
      <LazyWebhooks />
    </Suspense>
  );
}

/** Outbound webhooks: a page under Settings for owners and admins (others get the server's FORBIDDEN), only where the cell serves webhooks. */
export const webhooksModule: ModuleDefinition = {
  subgraph: 'webhooks',
  settings: [{ label: m.webhooks, path: 'webhooks', element: Webhooks }],
};
