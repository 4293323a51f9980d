import { lazy, Suspense } from 'react';
import type { ModuleDefinition } from '../../app/registry';
import { Loading } from '../../ui/states';
import { m } from './messages';

const LazyImportPage = lazy(() => import('./ImportPage').then((page) => ({ default: page.ImportPage })));

function Import() {
  return (
    <Suspense fallback={<Loading />}>
      <LazyImportPage />
    </Suspense>
  );
}

/** Imports: a page under Settings (the wizard), opened from the Import buttons of the modules whose types can be imported. */
export const importsModule: ModuleDefinition = {
  subgraph: 'imports',
  settings: [{ label: m.import, path: 'import', element: Import }],
};
