/**
 * Database roles of a subgraph. The owner owns the subgraph's schema and runs its migrations; it
 * never logs in (migrations run as an administrator that SETs ROLE to it). The app role is what
 * the running subgraph connects as: not an owner, no BYPASSRLS, privileges only on its own schema,
 * so it can neither read another subgraph's tables nor escape row-level security. The maintenance
 * role is what its background work connects as to reach every organization's rows (outbox relay,
 * trash sweep, schedulers): it holds only the privileges its subgraph's migrations grant it, and
 * the policies that let it past row-level security name it — no setting the app role could flip.
 */
/**
 * Password of the app roles on a developer's machine, shared by `npm start` and the tests: roles
 * are cluster-wide, so two different local defaults would lock each other out. Deployed cells set
 * DATABASE_APP_PASSWORD from their secret store.
 */
export const LOCAL_APP_PASSWORD = 'cellgraph-local';

export function ownerRole(subgraph: string): string {
  return `cellgraph_${subgraph}`;
}

export function appRole(subgraph: string): string {
  return `cellgraph_${subgraph}_app`;
}

export function maintenanceRole(subgraph: string): string {
  return `cellgraph_${subgraph}_maintenance`;
}

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** Guards names interpolated into DDL (schemas, roles, databases): lower snake case only. */
export function sqlIdentifier(name: string): string {
  if (!IDENTIFIER.test(name) || name.length > 63) throw new Error(`Not a safe SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

export function sqlLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The connection string the app role of `subgraph` uses: same server and database as `databaseUrl`. */
export function appConnectionString(databaseUrl: string, subgraph: string, password: string): string {
  return roleConnectionString(databaseUrl, appRole(subgraph), password);
}

/** The connection string the maintenance role of `subgraph` uses (same password as the app role). */
export function maintenanceConnectionString(databaseUrl: string, subgraph: string, password: string): string {
  return roleConnectionString(databaseUrl, maintenanceRole(subgraph), password);
}

function roleConnectionString(databaseUrl: string, role: string, password: string): string {
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}
