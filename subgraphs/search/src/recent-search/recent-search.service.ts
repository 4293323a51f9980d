import { principalUserId, requireOrgId, requireUserId, type Database, type RequestContext } from '@cellgraph/kernel';
import { RecentSearch } from './recent-search.type.js';

/** How many recent searches a user keeps. */
export const RECENT_SEARCHES_KEPT = 20;

/** Each user's last searches (recorded by `search`, first pages only), newest first. */
export class RecentSearchService {
  constructor(private readonly db: Database) {}

  async record(request: RequestContext, query: string, types: string[]): Promise<void> {
    const userId = principalUserId(request.principal);
    if (!userId) return;
    const orgId = requireOrgId(request);
    await this.db.transaction(request, async (em) => {
      await em.query(
        `INSERT INTO search.recent_searches (org_id, user_id, query, types) VALUES ($4, $1, $2, $3)
         ON CONFLICT (org_id, user_id, query, types) DO UPDATE SET searched_at = now()`,
        [userId, query, types, orgId],
      );
      await em.query(
        `DELETE FROM search.recent_searches WHERE user_id = $1 AND (query, types) NOT IN (
           SELECT query, types FROM search.recent_searches WHERE user_id = $1 ORDER BY searched_at DESC LIMIT $2)`,
        [userId, RECENT_SEARCHES_KEPT],
      );
    });
  }

  async list(request: RequestContext): Promise<RecentSearch[]> {
    const userId = requireUserId(request);
    const rows = (await this.db.transaction(request, (em) =>
      em.query(`SELECT query, types, searched_at FROM search.recent_searches WHERE user_id = $1 ORDER BY searched_at DESC LIMIT $2`, [
        userId,
        RECENT_SEARCHES_KEPT,
      ]),
    )) as { query: string; types: string[]; searched_at: Date }[];
    return rows.map((row) => Object.assign(new RecentSearch(), { query: row.query, types: row.types, searchedAt: row.searched_at }));
  }
}
