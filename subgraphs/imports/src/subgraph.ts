import { defineSubgraph, deletionEvents, importersOf, referenceAsIs, typedJob } from '@cellgraph/kernel';
import { z } from 'zod';
import { importLimits } from './config.js';
import { importsEvents } from './contracts.js';
import { DataImport, DataImportRow } from './data-import/data-import.entity.js';
import { DataImportLiveResolver } from './data-import/data-import.live.js';
import { resolveDataImportReference } from './data-import/data-import.reference.js';
import { DataImportResolver } from './data-import/data-import.resolver.js';
import { DataImportService, RUN_IMPORT_JOB, type RunImportJob } from './data-import/data-import.service.js';
import { ImportGraph } from './data-import/import-graph.js';
import { migrations } from './migrations/index.js';
import type { ImportsServices } from './services.js';
import { dataImportTrash } from './trash.js';

const runImportJob = z.object({
  orgId: z.string().uuid(),
  importId: z.string().uuid(),
  actingFor: z.object({ principal: z.any(), delegation: z.string(), expiresAt: z.string() }),
  locale: z.string().nullish(),
});

export const importsSubgraph = defineSubgraph<ImportsServices>({
  name: 'imports',
  description: 'Imports: contacts, deals, tasks and whatever else the cell’s modules declare, from CSV and XLSX files.',
  scope: 'imports',
  scopeDescription: 'data imports',
  trash: [dataImportTrash],
  // Files holds the uploads and the reports; the types imported are the cell's modules' (CELL_IMPORTERS).
  dependsOn: ['identity', 'files'],
  migrations,
  entities: [DataImport, DataImportRow],
  resolvers: [DataImportResolver, DataImportLiveResolver],
  liveEvents: { dataImportChanged: { events: ['data_import.*'], routes: { id: ['subject.id'] } } },
  references: {
    DataImport: resolveDataImportReference,
    User: referenceAsIs,
  },
  emits: importsEvents,
  audited: deletionEvents(importsEvents),
  createServices({ db, authz, graph, jobs, env, logger }) {
    const dataImports = new DataImportService(db, authz, importersOf(env), graph, new ImportGraph(graph), jobs, importLimits(env), logger);
    return { db, authz, dataImports };
  },
  jobs: ({ dataImports }) => ({
    [RUN_IMPORT_JOB]: (data, job) => typedJob(RUN_IMPORT_JOB, runImportJob, (valid) => dataImports.run(job.id, valid as RunImportJob))(data),
  }),
});
