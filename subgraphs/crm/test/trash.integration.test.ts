import {
  createTestDatabase,
  mutationsOf,
  outboxEvents,
  startTestSubgraphs,
  testMember,
  uuidOf,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmSubgraph } from '../src/index.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let admin: TestMember;
let seller: TestMember;
let pipelineId: string;

const { mutate, refused } = mutationsOf(() => harness, 'crm');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([crmSubgraph], { databaseUrl: database.url });
  admin = await testMember(database.url, 'admin');
  seller = await testMember(database.url, 'member', admin.orgId);
  pipelineId = (await mutate(admin.principal, 'pipelineCreate', { name: 'Sales' }, 'pipeline { id }')).pipeline.id;
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const count = (table: string, column: string, id: string) =>
  withClient(
    database.url,
    async (client) => (await client.query(`SELECT count(*)::int AS n FROM crm.${table} WHERE ${column} = $1`, [uuidOf(id)])).rows[0].n as number,
  );
const eventTypes = async (id: string) => (await outboxEvents(database.url, 'crm', uuidOf(id))).map((event) => event.type);

async function contactWithDealAndCall(company: string) {
  const contact = (await mutate(seller.principal, 'contactCreate', { company }, 'contact { id }')).contact.id as string;
  const deal = (await mutate(seller.principal, 'dealCreate', { contactId: contact, pipelineId, title: `${company} deal`, value: '100.00' }, 'deal { id }')).deal
    .id as string;
  await mutate(seller.principal, 'interactionLog', { contactId: contact, dealId: deal, type: 'CALL', direction: 'OUTBOUND' }, 'interaction { id }');
  return { contact, deal };
}

describe('the trash', () => {
  it('deletes a contact for good with its deals and interactions, each deal announced; only admins, only from the trash', async () => {
    const { contact, deal } = await contactWithDealAndCall('Acme');
    expect(await refused(admin.principal, 'contactPurge', { id: contact })).toEqual(['CONTACT_NOT_IN_TRASH']);
    await mutate(seller.principal, 'contactDelete', { id: contact }, 'deletedContactId');

    const denied = await harness.request(
      'crm',
      'mutation($input: ContactPurgeInput!) { contactPurge(input: $input) { deletedContactId } }',
      { input: { id: contact } },
      seller.principal,
    );
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count('contacts', 'id', contact)).toBe(1);

    await mutate(admin.principal, 'contactPurge', { id: contact }, 'deletedContactId');
    expect([await count('contacts', 'id', contact), await count('deals', 'id', deal), await count('interactions', 'contact_id', contact)]).toEqual([0, 0, 0]);
    expect(await eventTypes(contact)).toContain('contact.purged');
    expect(await eventTypes(deal)).toContain('deal.purged');
  });

  it('deletes a deal for good while its interactions stay with the contact', async () => {
    const { contact, deal } = await contactWithDealAndCall('Globex');
    await mutate(seller.principal, 'dealDelete', { id: deal }, 'deletedDealId');
    await mutate(admin.principal, 'dealPurge', { id: deal }, 'deletedDealId');
    expect(await count('deals', 'id', deal)).toBe(0);
    expect(await count('interactions', 'contact_id', contact)).toBe(1);
    expect(await count('interactions', 'deal_id', deal)).toBe(0);
  });

  it('purges contacts 30 days in the trash, with their deals', async () => {
    const expired = await contactWithDealAndCall('Initech');
    const recent = await contactWithDealAndCall('Umbrella');
    for (const { contact } of [expired, recent]) await mutate(seller.principal, 'contactDelete', { id: contact }, 'deletedContactId');
    await withClient(database.url, async (client) => {
      await client.query("UPDATE crm.contacts SET deleted_at = now() - interval '31 days' WHERE id = $1", [uuidOf(expired.contact)]);
      await client.query("UPDATE crm.contacts SET deleted_at = now() - interval '29 days' WHERE id = $1", [uuidOf(recent.contact)]);
    });
    expect(await harness.servers.find((server) => server.name === 'crm')!.trash!.sweep()).toBe(1);
    expect([await count('contacts', 'id', expired.contact), await count('deals', 'id', expired.deal)]).toEqual([0, 0]);
    expect([await count('contacts', 'id', recent.contact), await count('deals', 'id', recent.deal)]).toEqual([1, 1]);
    expect(await eventTypes(expired.deal)).toContain('deal.purged');
  });
  it('purges the rest when one expired contact cannot be purged, and leaves that one (logged) for the next sweep', async () => {
    const [stuck, expired] = [await contactWithDealAndCall('Stuck'), await contactWithDealAndCall('Gone')];
    for (const { contact } of [stuck, expired]) await mutate(seller.principal, 'contactDelete', { id: contact }, 'deletedContactId');
    await withClient(database.url, async (client) => {
      await client.query("UPDATE crm.contacts SET deleted_at = now() - interval '31 days' WHERE id = ANY($1)", [
        [uuidOf(stuck.contact), uuidOf(expired.contact)],
      ]);
      // Stands for any row a purge cannot remove (e.g. a reference it does not know of).
      await client.query(`CREATE FUNCTION crm.refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'cannot purge'; END $$`);
      await client.query(
        `CREATE TRIGGER refuse_delete BEFORE DELETE ON crm.contacts FOR EACH ROW WHEN (OLD.id = '${uuidOf(stuck.contact)}') EXECUTE FUNCTION crm.refuse_delete()`,
      );
    });
    try {
      expect(await harness.servers.find((server) => server.name === 'crm')!.trash!.sweep()).toBe(1);
    } finally {
      await withClient(database.url, (client) => client.query('DROP TRIGGER refuse_delete ON crm.contacts; DROP FUNCTION crm.refuse_delete()'));
    }
    expect([await count('contacts', 'id', stuck.contact), await count('contacts', 'id', expired.contact)]).toEqual([1, 0]);
    expect(await harness.servers.find((server) => server.name === 'crm')!.trash!.sweep()).toBe(1);
  });
});
