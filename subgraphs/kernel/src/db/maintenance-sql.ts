import { maintenanceRole, sqlIdentifier } from './roles.js';

export interface MaintenanceAccess {
  /** Name of the policy (and the prefix of its update policy). */
  policy: string;
  /** Columns the maintenance role may read (and name in WHERE clauses); 'all': the table's, now and later. */
  select: readonly string[] | 'all';
  /** Columns it may change ('all': every one); none: read only. */
  update?: readonly string[] | 'all';
  /** Which rows it sees, of every organization (SQL); default: all. */
  rows?: string;
}

/**
 * Migration SQL that lets the maintenance role of `schema` reach every organization's rows of
 * `table` — only the columns named, only the rows `rows` admits — through policies that apply to
 * that role alone. The app role gains nothing: there is no session setting to flip.
 */
export function maintenanceAccessSql(schema: string, table: string, access: MaintenanceAccess): string {
  const name = `${sqlIdentifier(schema)}.${sqlIdentifier(table)}`;
  const role = sqlIdentifier(maintenanceRole(schema));
  const policy = sqlIdentifier(access.policy);
  const rows = access.rows ?? 'true';
  const privilege = (kind: string, list: readonly string[] | 'all') => (list === 'all' ? kind : `${kind} (${list.map(sqlIdentifier).join(', ')})`);
  let sql = `GRANT ${privilege('SELECT', access.select)} ON ${name} TO ${role};
CREATE POLICY ${policy} ON ${name} FOR SELECT TO ${role} USING (${rows});
`;
  if (access.update?.length) {
    sql += `GRANT ${privilege('UPDATE', access.update)} ON ${name} TO ${role};
CREATE POLICY ${sqlIdentifier(`${access.policy}_update`)} ON ${name} FOR UPDATE TO ${role} USING (${rows}) WITH CHECK (${rows});
`;
  }
  return sql;
}

/** Drops a policy an earlier migration created (one that honoured a session setting). */
export function dropPolicySql(schema: string, table: string, policy: string): string {
  return `DROP POLICY IF EXISTS ${sqlIdentifier(policy)} ON ${sqlIdentifier(schema)}.${sqlIdentifier(table)};\n`;
}
