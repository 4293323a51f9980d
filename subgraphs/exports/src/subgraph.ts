import { defineSubgraph, referenceAsIs } from '@cellgraph/kernel';
import { parseExportsConfig } from './config.js';
import { DATA_EXPORT_RUN_JOB, exportsEvents } from './contracts.js';
import { DataExport } from './data-export/data-export.entity.js';
import { DataExportLiveResolver } from './data-export/data-export.live.js';
import { resolveDataExportReference } from './data-export/data-export.reference.js';
import { DataExportResolver } from './data-export/data-export.resolver.js';
import { DataExportRunner, type DataExportJob } from './data-export/data-export.runner.js';
import { DataExportService } from './data-export/data-export.service.js';
import { FileRef } from './file/file.ref.js';
import { migrations } from './migrations/index.js';
import type { ExportsServices } from './services.js';

export const exportsSubgraph = defineSubgraph<ExportsServices>({
  name: 'exports',
  description: 'Exports: any list of the graph, with its filters and ordering, to a CSV, XLSX or JSON file, by a job acting for its creator.',
  scope: 'exports',
  scopeDescription: 'data exports',
  // The job asks the graph as the creator (the gateway's GRAPH_DELEGATES lists exports) and stores the file through files.
  dependsOn: ['identity', 'files'],
  migrations,
  entities: [DataExport],
  resolvers: [DataExportResolver, DataExportLiveResolver],
  orphanedTypes: [FileRef],
  references: {
    DataExport: resolveDataExportReference,
    User: referenceAsIs,
  },
  liveEvents: { dataExportChanged: { events: ['data_export.*'], routes: { id: ['subject.id'] } } },
  emits: exportsEvents,
  // What was exported, by whom, and how it ended (progress is not audited).
  audited: ['data_export.created', 'data_export.succeeded', 'data_export.failed', 'data_export.canceled'],
  createServices({ db, authz, graph, jobs, logger, env }) {
    const dataExports = new DataExportService(db, authz, graph, jobs);
    return { db, authz, dataExports, runner: new DataExportRunner(db, graph, dataExports, logger, parseExportsConfig(env)) };
  },
  jobs: ({ runner }) => ({
    [DATA_EXPORT_RUN_JOB]: (data: DataExportJob, job) => runner.run(data, job),
  }),
});
