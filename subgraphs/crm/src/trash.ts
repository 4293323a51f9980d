import type { EntityManager } from 'typeorm';
import { forgetNodeTags, type TrashSpec } from '@cellgraph/kernel';

/** Deletes deals for good (their interactions stay with the contact, off the deal). */
async function purgeDeals(em: EntityManager, ids: string[]): Promise<void> {
  await em.query('UPDATE crm.interactions SET deal_id = NULL WHERE deal_id = ANY($1)', [ids]);
  await em.query('DELETE FROM crm.deals WHERE id = ANY($1)', [ids]);
  await forgetNodeTags(em, 'crm', ids);
}

export const dealTrash: TrashSpec = {
  type: 'Deal',
  table: 'deals',
  event: 'deal',
  async purge(em, ids) {
    await purgeDeals(em, ids);
    return [];
  },
};

/** Contacts in the trash: deleted for good with their deals and interactions. */
export const contactTrash: TrashSpec = {
  type: 'Contact',
  table: 'contacts',
  event: 'contact',
  async purge(em, ids) {
    const deals = ((await em.query('SELECT id FROM crm.deals WHERE contact_id = ANY($1)', [ids])) as { id: string }[]).map((d) => d.id);
    await em.query('DELETE FROM crm.interactions WHERE contact_id = ANY($1)', [ids]);
    if (deals.length) await purgeDeals(em, deals);
    await em.query('UPDATE crm.contacts SET merged_into_id = NULL WHERE merged_into_id = ANY($1)', [ids]);
    await em.query('DELETE FROM crm.contacts WHERE id = ANY($1)', [ids]);
    await forgetNodeTags(em, 'crm', ids);
    return deals.length ? [{ spec: dealTrash, ids: deals }] : [];
  },
};

/** Pipelines in the trash: deleted for good with their stages and the (trashed) deals still in them. */
export const pipelineTrash: TrashSpec = {
  type: 'Pipeline',
  table: 'pipelines',
  event: 'pipeline',
  async purge(em, ids) {
    const deals = ((await em.query('SELECT id FROM crm.deals WHERE pipeline_id = ANY($1)', [ids])) as { id: string }[]).map((d) => d.id);
    if (deals.length) await purgeDeals(em, deals);
    await em.query('UPDATE crm.contacts SET stage_id = NULL WHERE stage_id IN (SELECT id FROM crm.pipeline_stages WHERE pipeline_id = ANY($1))', [ids]);
    await em.query('DELETE FROM crm.pipelines WHERE id = ANY($1)', [ids]);
    return deals.length ? [{ spec: dealTrash, ids: deals }] : [];
  },
};

export const interactionTrash: TrashSpec = { type: 'Interaction', table: 'interactions', event: 'interaction' };
