import type { Database } from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { User } from '../user/user.entity.js';

/**
 * Announces a new member of an organization (`membership.created`), with the name and e-mail
 * address other subgraphs of the organization need and may not read from identity's tables —
 * notifications e-mails members with it.
 */
export async function emitMembershipCreated(db: Database, em: EntityManager, orgId: string, userId: string, role: string): Promise<void> {
  const user = await em.findOneByOrFail(User, { id: userId });
  await db.emit(em, {
    type: 'membership.created',
    orgId,
    actorId: userId,
    subject: { type: 'User', id: userId },
    data: { email: user.email, name: user.name, role },
  });
}
