import type { ModuleDefinition } from '../app/registry';
import { auditModule } from './audit';
import { crmModule } from './crm';
import { documentsModule } from './documents';
import { exportsModule } from './exports';
import { filesModule } from './files';
import { financeModule } from './finance';
import { importsModule } from './imports';
import { notesModule } from './notes';
import { notificationsModule } from './notifications';
import { searchModule } from './search';
import { tasksModule } from './tasks';
import { webhooksModule } from './webhooks';

/**
 * Every module the app knows, in navigation order. A module is shown only when the cell serves
 * its subgraph; adding one is a folder under modules/ and a line here.
 */
export const ALL_MODULES: readonly ModuleDefinition[] = [
  tasksModule,
  crmModule,
  notesModule,
  documentsModule,
  financeModule,
  filesModule,
  notificationsModule,
  auditModule,
  importsModule,
  webhooksModule,
  searchModule,
  exportsModule,
];
