/**
 * Platform administrators: people who manage the cell's feature flags, outside any organization's
 * roles. Granted and revoked by an operator with the database's administrator connection
 * (`npm run platform-admin`), never through the API: no tenant role leads there.
 */
export interface SqlClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/** Makes the user with `email` a platform administrator; false when no such user exists. */
export async function grantPlatformAdmin(client: SqlClient, email: string): Promise<boolean> {
  const result = await client.query(
    `INSERT INTO identity.platform_admins (user_id) SELECT id FROM identity.users WHERE lower(email) = lower($1) ON CONFLICT (user_id) DO NOTHING RETURNING user_id`,
    [email],
  );
  if (result.rowCount) return true;
  return (await client.query('SELECT 1 FROM identity.users WHERE lower(email) = lower($1)', [email])).rows.length > 0;
}

/** Withdraws it; false when that user was none. */
export async function revokePlatformAdmin(client: SqlClient, email: string): Promise<boolean> {
  const result = await client.query('DELETE FROM identity.platform_admins a USING identity.users u WHERE u.id = a.user_id AND lower(u.email) = lower($1)', [
    email,
  ]);
  return (result.rowCount ?? 0) > 0;
}

export async function listPlatformAdmins(client: SqlClient): Promise<{ email: string; grantedAt: Date }[]> {
  const result = await client.query('SELECT u.email, a.granted_at FROM identity.platform_admins a JOIN identity.users u ON u.id = a.user_id ORDER BY u.email');
  return result.rows.map((row) => ({ email: row.email as string, grantedAt: row.granted_at as Date }));
}
