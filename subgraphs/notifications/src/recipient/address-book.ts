import type { IdentityEvents } from '@cellgraph/identity/contracts';
import { isUuid, type Database, type EventOf } from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';

/**
 * E-mail addresses of members, learnt from identity's events (this subgraph cannot read
 * identity's tables, and a background job cannot ask the graph): `membership.created` carries the
 * new member's address and name — for an organization's creator and for every member who joins —
 * `membership.removed` forgets them, and `user.updated` renames them in every organization. All
 * are idempotent, so redelivery changes nothing.
 */
export class AddressBook {
  constructor(private readonly db: Database) {}

  /** Remembers a new member's address (`membership.created`). */
  async record(event: EventOf<IdentityEvents, 'membership.created'>): Promise<void> {
    if (!event.orgId || event.subject?.type !== 'User' || !isUuid(event.subject.id)) return;
    const email = event.data.email.trim().toLowerCase();
    if (!email || email.length > 320) return;
    const name = event.data.name;
    const userId = event.subject.id;
    await this.db.transaction({ orgId: event.orgId, userId: null }, (em) =>
      em.query(
        `INSERT INTO notifications.recipients (org_id, user_id, email, name) VALUES ($1, $2, $3, $4)
         ON CONFLICT (org_id, user_id) DO UPDATE SET email = excluded.email, name = excluded.name, updated_at = now()`,
        [event.orgId, userId, email, name],
      ),
    );
  }

  /** Forgets the address of a member who left the organization (`membership.removed`). */
  async forget(event: EventOf<IdentityEvents, 'membership.removed'>): Promise<void> {
    if (!event.orgId || event.subject?.type !== 'User' || !isUuid(event.subject.id)) return;
    await this.db.transaction({ orgId: event.orgId, userId: null }, (em) =>
      em.query('DELETE FROM notifications.recipients WHERE user_id = $1', [event.subject!.id]),
    );
  }

  /**
   * A user's new name (`user.updated`, which belongs to no organization), in the address book of
   * every organization they are a member of: as the maintenance role, which may change only names.
   */
  async rename(event: EventOf<IdentityEvents, 'user.updated'>): Promise<void> {
    if (event.subject?.type !== 'User' || !isUuid(event.subject.id)) return;
    const { after } = event.data;
    if (!('name' in after)) return;
    const name = after.name ?? null;
    const userId = event.subject.id;
    await this.db.maintenanceTransaction((em) =>
      em.query('UPDATE notifications.recipients SET name = $2, updated_at = now() WHERE user_id = $1 AND name IS DISTINCT FROM $2', [userId, name]),
    );
  }

  /** The user's address in the organization of `em`'s transaction, or null. */
  async addressOf(em: EntityManager, userId: string): Promise<string | null> {
    const rows: { email: string }[] = await em.query('SELECT email FROM notifications.recipients WHERE user_id = $1', [userId]);
    return rows[0]?.email ?? null;
  }
}
