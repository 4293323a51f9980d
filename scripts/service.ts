/**
 * `npm run service -- <gateway|subgraph|worker|migrate>` (compiled: `node build/scripts/service.js
 * <service>`): the one production entry point, used alike by `npm start -- --split`, the container
 * image and the Pulumi cells. Configuration comes from the environment only (see scripts/README.md,
 * "Running as services"); each service loads only what it needs.
 */
const SERVICES: Record<string, () => Promise<void>> = {
  gateway: async () => (await import('./services/gateway.js')).runGateway(),
  subgraph: async () => (await import('./services/subgraph.js')).runSubgraphHost(),
  worker: async () => (await import('./services/worker.js')).runWorker(),
  migrate: async () => (await import('./services/migrate.js')).runMigrate(),
};

const USAGE = `Usage: service <${Object.keys(SERVICES).join('|')}>
  gateway    the public GraphQL endpoint of cell CELL (default all)
  subgraph   a host of the cell's SUBGRAPHS (comma list, default all of the cell)
  worker     background work of the cell's WORKER_SUBGRAPHS (default all); health endpoints only
  migrate    create the database, roles and schemas, run pending migrations, then exit`;

const name = process.argv[2];
const run = name && Object.hasOwn(SERVICES, name) ? SERVICES[name] : undefined;
if (!run) {
  console.error(name ? `Unknown service ${JSON.stringify(name)}.\n${USAGE}` : USAGE);
  process.exit(2);
}
try {
  await run();
  if (name === 'migrate') process.exit(0); // a one-shot: done, whatever handle a library left open
} catch (error) {
  console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
