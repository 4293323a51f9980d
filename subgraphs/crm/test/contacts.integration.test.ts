import { toGlobalId, uuidv7 } from '@cellgraph/kernel';
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
let owner: TestMember;
let member: TestMember;

const { mutate, refused } = mutationsOf(() => harness, 'crm');
const CONTACT = 'contact { id name type status email company customFields assignedTo { id } }';

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([crmSubgraph], { databaseUrl: database.url });
  owner = await testMember(database.url, 'owner');
  member = await testMember(database.url, 'member', owner.orgId);
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const query = (text: string, variables: Record<string, unknown> = {}, who: TestMember = member) => harness.request('crm', text, variables, who.principal);
const contactCount = () =>
  withClient(database.url, async (c) =>
    Number((await c.query('SELECT count(*) FROM crm.contacts WHERE org_id = $1 AND deleted_at IS NULL', [owner.orgId])).rows[0].count),
  );
const create = async (input: Record<string, unknown>, who: TestMember = member) => (await mutate(who.principal, 'contactCreate', input, CONTACT)).contact;

describe('contacts', () => {
  it('creates a lead by default, named by its person, company or e-mail', async () => {
    const lead = await create({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@engines.test',
      company: 'Analytical',
      source: 'REFERRAL',
      assignedToId: owner.globalUserId,
    });
    expect(lead).toMatchObject({ name: 'Ada Lovelace', type: 'LEAD', status: 'ACTIVE', email: 'ada@engines.test', assignedTo: { id: owner.globalUserId } });
    expect((await create({ company: 'Babbage & Co' })).name).toBe('Babbage & Co');
    const events = await outboxEvents(database.url, 'crm', uuidOf(lead.id));
    expect(events.map((e) => e.type)).toEqual(['contact.created', 'contact.assigned']);
    expect(events[0]!).toMatchObject({ actor_id: member.userId, data: { contactId: uuidOf(lead.id), after: { firstName: 'Ada', email: 'ada@engines.test' } } });
  });

  it('answers bad input with field errors and writes nothing', async () => {
    const before = await contactCount();
    const result = await query('mutation($input: ContactCreateInput!) { contactCreate(input: $input) { contact { id } userErrors { code field } } }', {
      input: { email: 'not-an-email', phone: 'call me', avatarUrl: 'ftp://x' },
    });
    expect(result.data!.contactCreate.contact).toBeNull();
    expect(result.data!.contactCreate.userErrors).toEqual(
      expect.arrayContaining([
        { code: 'CONTACT_INVALID_INPUT', field: ['input', 'email'] },
        { code: 'CONTACT_INVALID_INPUT', field: ['input', 'phone'] },
        { code: 'CONTACT_INVALID_INPUT', field: ['input', 'avatarUrl'] },
      ]),
    );
    expect(await refused(member.principal, 'contactCreate', { phone: '+44 20 7946 0000' })).toEqual(['CONTACT_INVALID_INPUT']);
    expect(await contactCount()).toBe(before);
  });

  it('refuses a second contact with the same e-mail, naming the first — also when both race', async () => {
    const first = await create({ firstName: 'Grace', email: 'grace@navy.test' });
    const duplicate = await query(
      'mutation($input: ContactCreateInput!) { contactCreate(input: $input) { contact { id } duplicateContact { id name } userErrors { code field message } } }',
      {
        input: { firstName: 'G.', email: 'GRACE@navy.test' },
      },
    );
    expect(duplicate.data!.contactCreate).toMatchObject({
      contact: null,
      duplicateContact: { id: first.id, name: 'Grace' },
      userErrors: [{ code: 'CONTACT_DUPLICATE_EMAIL', field: ['input', 'email'], message: expect.stringContaining('Grace') }],
    });
    const racing = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        query('mutation($input: ContactCreateInput!) { contactCreate(input: $input) { contact { id } userErrors { code } } }', {
          input: { firstName: `Racer ${i}`, email: 'race@track.test' },
        }),
      ),
    );
    const outcomes = racing.map((r) => r.data!.contactCreate);
    expect(outcomes.filter((o) => o.contact)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.contact).every((o) => o.userErrors[0].code === 'CONTACT_DUPLICATE_EMAIL')).toBe(true);
  });

  it('updates only what is given; deleting frees the e-mail, restoring a taken one is refused', async () => {
    const contact = await create({ firstName: 'Alan', lastName: 'Turing', email: 'alan@bletchley.test', company: 'GCCS' });
    const updated = (await mutate(member.principal, 'contactUpdate', { id: contact.id, company: null, status: 'INACTIVE' }, CONTACT)).contact;
    expect(updated).toMatchObject({ name: 'Alan Turing', company: null, status: 'INACTIVE', email: 'alan@bletchley.test' });
    const [, change] = await outboxEvents(database.url, 'crm', uuidOf(contact.id));
    expect(change).toMatchObject({
      type: 'contact.updated',
      data: { fields: ['status', 'company'], before: { company: 'GCCS', status: 'active' }, after: { company: null, status: 'inactive' } },
    });
    await mutate(member.principal, 'contactDelete', { id: contact.id }, 'deletedContactId');
    expect((await query('query($id: ID!) { contact(id: $id) { id } }', { id: contact.id })).data!.contact).toBeNull();
    const successor = await create({ firstName: 'A. M.', email: 'alan@bletchley.test' });
    expect(await refused(member.principal, 'contactRestore', { id: contact.id })).toEqual(['CONTACT_DUPLICATE_EMAIL']);
    await mutate(member.principal, 'contactUpdate', { id: successor.id, email: 'am@bletchley.test' }, 'contact { id }');
    expect((await mutate(member.principal, 'contactRestore', { id: contact.id }, 'contact { id email }')).contact.email).toBe('alan@bletchley.test');
  });

  it('converts a lead to a client, once, keeping its deals', async () => {
    const lead = await create({ firstName: 'Katherine', email: 'kj@nasa.test' });
    const pipeline = (await mutate(owner.principal, 'pipelineCreate', { name: 'Sales' }, 'pipeline { id }')).pipeline;
    const deal = (
      await mutate(member.principal, 'dealCreate', { contactId: lead.id, pipelineId: pipeline.id, title: 'Orbit maths', value: '1200.00' }, 'deal { id }')
    ).deal;
    const converted = (await mutate(member.principal, 'contactConvert', { id: lead.id }, 'contact { type convertedAt deals { nodes { id } } }')).contact;
    expect(converted).toMatchObject({ type: 'CLIENT', convertedAt: expect.any(String), deals: { nodes: [{ id: deal.id }] } });
    expect(await refused(member.principal, 'contactConvert', { id: lead.id })).toEqual(['CONTACT_NOT_A_LEAD']);
    const converting = (await outboxEvents(database.url, 'crm', uuidOf(lead.id))).find((e) => e.type === 'contact.converted');
    expect(converting!.data).toMatchObject({ before: { type: 'lead' }, after: { type: 'client' } });
  });

  it('merges a duplicate: deals and interactions move, blanks fill, the duplicate goes to the trash', async () => {
    const keep = await create({ firstName: 'Margaret', email: 'mh@apollo.test' });
    const dup = await create({ firstName: 'Maggie', lastName: 'Hamilton', phone: '+1 617 555 0100', company: 'MIT', customFields: {} });
    const pipeline = (await mutate(owner.principal, 'pipelineCreate', { name: 'Merge pipeline' }, 'pipeline { id }')).pipeline;
    await mutate(member.principal, 'dealCreate', { contactId: dup.id, pipelineId: pipeline.id, title: 'Guidance software' }, 'deal { id }');
    await mutate(member.principal, 'interactionLog', { contactId: dup.id, type: 'CALL', direction: 'OUTBOUND', durationSeconds: 300 }, 'interaction { id }');
    const merged = (
      await mutate(
        member.principal,
        'contactMerge',
        { id: keep.id, duplicateId: dup.id },
        'contact { name email company deals { totalCount } interactions { totalCount } }',
      )
    ).contact;
    expect(merged).toEqual({ name: 'Margaret Hamilton', email: 'mh@apollo.test', company: 'MIT', deals: { totalCount: 1 }, interactions: { totalCount: 1 } });
    expect((await query('query($id: ID!) { contact(id: $id) { id } }', { id: dup.id })).data!.contact).toBeNull();
    expect(await refused(member.principal, 'contactRestore', { id: dup.id })).toEqual(['CONTACT_MERGED']);
    expect(await refused(member.principal, 'contactMerge', { id: keep.id, duplicateId: keep.id })).toEqual(['CONTACT_INVALID_INPUT']);
  });

  it('finds contacts by words, filters and orders them', async () => {
    await create({ firstName: 'Hedy', lastName: 'Lamarr', company: 'Frequency Hopping', type: 'PARTNER' });
    await create({ firstName: 'Hedwig', company: 'Owls Ltd', type: 'VENDOR' });
    const found = await query('{ contacts(search: "hed hopping") { nodes { name } } }');
    expect(found.data!.contacts.nodes).toEqual([{ name: 'Hedy Lamarr' }]);
    const vendors = await query(
      '{ contacts(filter: { type: { in: [VENDOR, PARTNER] }, firstName: { startsWith: "hed" } }, orderBy: [{ field: FIRST_NAME, direction: DESC }]) { nodes { name type } } }',
    );
    expect(vendors.data!.contacts.nodes).toEqual([
      { name: 'Hedy Lamarr', type: 'PARTNER' },
      { name: 'Hedwig', type: 'VENDOR' },
    ]);
  });

  it('creates once per idempotency key', async () => {
    const input = { firstName: 'Idem', email: 'idem@potent.test', idempotencyKey: 'import-row-17' };
    const [a, b] = await Promise.all([create(input), create(input)]);
    expect(b.id).toBe(a.id);
    expect(await refused(member.principal, 'contactCreate', { ...input, firstName: 'Other' })).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });
});

describe('custom fields', () => {
  it('are defined by owners and admins and validate every contact’s values', async () => {
    const define = (input: Record<string, unknown>) => mutate(owner.principal, 'contactFieldCreate', input, 'contactField { id key type options required }');
    expect(
      await refused(member.principal, 'contactFieldCreate', { key: 'tier', label: 'Tier', type: 'SELECT', options: ['gold'] }).catch((e: Error) => e.message),
    ).toContain('FORBIDDEN');
    const tier = (await define({ key: 'tier', label: 'Tier', type: 'SELECT', options: ['gold', 'silver'] })).contactField;
    await define({ key: 'seats', label: 'Seats', type: 'NUMBER' });
    await define({ key: 'renewal', label: 'Renewal', type: 'DATE' });
    expect(await refused(owner.principal, 'contactFieldCreate', { key: 'tier', label: 'Again', type: 'TEXT' })).toEqual(['CONTACT_FIELD_KEY_TAKEN']);
    expect(await refused(owner.principal, 'contactFieldCreate', { key: 'choice', label: 'Choice', type: 'SELECT' })).toEqual(['CONTACT_FIELD_INVALID_INPUT']);

    const bad = await query('mutation($input: ContactCreateInput!) { contactCreate(input: $input) { userErrors { code field } } }', {
      input: { firstName: 'Custom', customFields: { tier: 'bronze', seats: 'ten', renewal: '2026-02-30', unknown: 1 } },
    });
    expect(bad.data!.contactCreate.userErrors).toEqual(
      expect.arrayContaining(
        ['tier', 'seats', 'renewal', 'unknown'].map((key) => ({ code: 'CONTACT_CUSTOM_FIELD_INVALID', field: ['input', 'customFields', key] })),
      ),
    );
    const contact = await create({ firstName: 'Custom', customFields: { tier: 'gold', seats: 12, renewal: '2027-01-31' } });
    const changed = (
      await mutate(member.principal, 'contactUpdate', { id: contact.id, customFields: { seats: 15, renewal: null } }, 'contact { customFields }')
    ).contact;
    expect(changed.customFields).toEqual({ tier: 'gold', seats: 15 });

    await mutate(owner.principal, 'contactFieldUpdate', { id: tier.id, required: true }, 'contactField { required }');
    expect(await refused(member.principal, 'contactCreate', { firstName: 'No tier' })).toEqual(['CONTACT_CUSTOM_FIELD_INVALID']);
    expect(await refused(owner.principal, 'contactFieldUpdate', { id: tier.id, options: ['silver'] })).toEqual(['CONTACT_FIELD_OPTION_IN_USE']);
    await mutate(owner.principal, 'contactFieldDelete', { id: tier.id }, 'deletedContactFieldId');
    expect((await query('query($id: ID!) { contact(id: $id) { customFields } }', { id: contact.id })).data!.contact.customFields).toEqual({ seats: 15 });
    expect((await query('{ contactFields { key } }')).data!.contactFields).toEqual([{ key: 'seats' }, { key: 'renewal' }]);
  });
});

describe('filtering by custom fields', () => {
  it('compares each field as its type, in and/or/not, and refuses keys, operators and values that cannot apply', async () => {
    const boss = await testMember(database.url, 'owner'); // an organization of its own: its fields only
    for (const field of [
      { key: 'tier', label: 'Tier', type: 'SELECT', options: ['gold', 'silver', 'bronze'] },
      { key: 'seats', label: 'Seats', type: 'NUMBER' },
      { key: 'vip', label: 'VIP', type: 'BOOLEAN' },
      { key: 'renewal', label: 'Renewal', type: 'DATE' },
      { key: 'regions', label: 'Regions', type: 'MULTI_SELECT', options: ['emea', 'amer', 'apac'] },
      { key: 'notes', label: 'Notes', type: 'TEXT' },
    ]) {
      await mutate(boss.principal, 'contactFieldCreate', field, 'contactField { id }');
    }
    await create(
      { firstName: 'Ava', customFields: { tier: 'gold', seats: 120, vip: true, renewal: '2027-01-31', regions: ['emea', 'apac'], notes: 'Prefers e-mail' } },
      boss,
    );
    await create({ firstName: 'Ben', customFields: { tier: 'silver', seats: 12, vip: false, renewal: '2026-12-01', regions: ['amer'] } }, boss);
    await create({ firstName: 'Cy', customFields: { tier: 'bronze', seats: 8.5 } }, boss);
    await create({ firstName: 'Dee' }, boss);

    const names = async (filter: Record<string, unknown>) => {
      const result = await query(
        'query($filter: ContactFilter) { contacts(filter: $filter, orderBy: [{ field: FIRST_NAME }]) { nodes { firstName } } }',
        { filter },
        boss,
      );
      if (result.errors) return result.errors.map((error) => `${error.extensions!.code}: ${error.message}`);
      return result.data!.contacts.nodes.map((node: { firstName: string }) => node.firstName);
    };
    const on = (...conditions: Record<string, unknown>[]) => ({ customFields: conditions });

    expect(await names(on({ key: 'tier', eq: 'gold' }))).toEqual(['Ava']);
    expect(await names(on({ key: 'tier', in: ['gold', 'silver'] }))).toEqual(['Ava', 'Ben']);
    expect(await names(on({ key: 'seats', gte: 12 }))).toEqual(['Ava', 'Ben']);
    expect(await names(on({ key: 'seats', gt: 8, lt: 100 }))).toEqual(['Ben', 'Cy']);
    expect(await names(on({ key: 'seats', eq: 120.0 }))).toEqual(['Ava']);
    expect(await names(on({ key: 'vip', eq: false }))).toEqual(['Ben']);
    expect(await names(on({ key: 'vip', neq: true }))).toEqual(['Ben', 'Cy', 'Dee']);
    expect(await names(on({ key: 'renewal', lt: '2027-01-01' }))).toEqual(['Ben']);
    expect(await names(on({ key: 'regions', hasAny: ['apac', 'amer'] }))).toEqual(['Ava', 'Ben']);
    expect(await names(on({ key: 'regions', hasAll: ['emea', 'apac'] }))).toEqual(['Ava']);
    expect(await names(on({ key: 'notes', contains: 'E-MAIL' }))).toEqual(['Ava']);
    expect(await names(on({ key: 'tier', isNull: true }))).toEqual(['Dee']);
    expect(await names(on({ key: 'seats', isNull: false }, { key: 'vip', isNull: true }))).toEqual(['Cy']);
    expect(await names({ or: [on({ key: 'tier', eq: 'bronze' }), on({ key: 'vip', eq: true })] })).toEqual(['Ava', 'Cy']);
    expect(await names({ not: on({ key: 'tier', eq: 'gold' }), firstName: { neq: 'Dee' } })).toEqual(['Ben', 'Cy']);

    expect(await names(on({ key: 'colour', eq: 'red' }))).toEqual(['BAD_USER_INPUT: No custom field “colour” is defined for contacts']);
    expect(await names(on({ key: 'tier', lt: 'gold' }))).toEqual(['BAD_USER_INPUT: Tier (SELECT) has no order: use eq, neq, in or isNull']);
    expect(await names(on({ key: 'tier', eq: 'platinum' }))).toEqual(['BAD_USER_INPUT: Tier must be one of gold, silver, bronze']);
    expect(await names(on({ key: 'seats', eq: 'ten' }))).toEqual(['BAD_USER_INPUT: Seats must be a number']);
    expect(await names(on({ key: 'regions', eq: 'emea' }))).toEqual(['BAD_USER_INPUT: Regions holds a list of options: use hasAny, hasAll or isNull, not eq']);
    expect(await names(on({ key: 'vip', contains: 'y' }))).toEqual(['BAD_USER_INPUT: contains applies to TEXT, URL and EMAIL fields; VIP is BOOLEAN']);
    // Another organization's fields are not this one's: the same key means nothing there.
    expect((await query('{ contacts(filter: { customFields: [{ key: "vip", eq: true }] }) { totalCount } }', {}, owner)).errors![0]!.message).toBe(
      'No custom field “vip” is defined for contacts',
    );
  });
});

describe('batch creation', () => {
  const BATCH = 'mutation($input: ContactCreateBatchInput!) { contactCreateBatch(input: $input) { contacts { id email } userErrors { code field } } }';
  const rows = (prefix: string) => [
    { firstName: 'One', email: `${prefix}-1@batch.test` },
    { firstName: 'Two', email: 'broken' },
    { firstName: 'Three', email: `${prefix}-3@batch.test` },
    { firstName: 'Four', email: `${prefix}-1@batch.test` },
  ];

  it('atomically: nothing is written when a row fails, and every row’s errors come back', async () => {
    const before = await contactCount();
    const result = await query(BATCH, { input: { contacts: rows('atomic') } });
    expect(result.data!.contactCreateBatch).toEqual({
      contacts: null,
      userErrors: [
        { code: 'CONTACT_INVALID_INPUT', field: ['input', 'contacts', '1', 'email'] },
        { code: 'CONTACT_DUPLICATE_EMAIL', field: ['input', 'contacts', '3', 'email'] },
      ],
    });
    expect(await contactCount()).toBe(before);
  });

  it('row by row: the valid rows are created, the others report their errors', async () => {
    const before = await contactCount();
    const result = await query(BATCH, { input: { contacts: rows('rows'), atomic: false } });
    const payload = result.data!.contactCreateBatch;
    expect(payload.contacts.map((c: { email: string } | null) => c?.email ?? null)).toEqual(['rows-1@batch.test', null, 'rows-3@batch.test', null]);
    expect(payload.userErrors.map((e: { field: unknown[] }) => e.field[2])).toEqual(['1', '3']);
    expect(await contactCount()).toBe(before + 2);
    expect(await refused(member.principal, 'contactCreateBatch', { contacts: Array.from({ length: 101 }, (_, i) => ({ firstName: `N${i}` })) })).toEqual([
      'CONTACT_INVALID_INPUT',
    ]);
  });
});

describe('tenancy and permissions', () => {
  it('keeps contacts to their organization, also through _entities', async () => {
    const mine = await create({ firstName: 'Private', email: 'private@mine.test' });
    const stranger = await testMember(database.url);
    expect((await query('query($id: ID!) { contact(id: $id) { id } contacts { totalCount } }', { id: mine.id }, stranger)).data).toEqual({
      contact: null,
      contacts: { totalCount: 0 },
    });
    const entities = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Contact { id name } } }';
    expect((await query(entities, { r: [{ __typename: 'Contact', id: mine.id }] }, stranger)).data!._entities).toEqual([null]);
    expect((await query(entities, { r: [{ __typename: 'Contact', id: mine.id }] })).data!._entities).toEqual([{ id: mine.id, name: 'Private' }]);
    // The same e-mail is free in another organization.
    expect((await create({ firstName: 'Theirs', email: 'private@mine.test' }, stranger)).email).toBe('private@mine.test');
  });

  it('lets guests see only what is shared with them, and change nothing', async () => {
    const guest = await testMember(database.url, 'guest', owner.orgId);
    expect((await query('{ contacts { totalCount } }', {}, guest)).data!.contacts.totalCount).toBe(0);
    const attempt = await query('mutation { contactCreate(input: { firstName: "Sneaky" }) { contact { id } } }', {}, guest);
    expect(attempt.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const unknown = await query('mutation($input: ContactUpdateInput!) { contactUpdate(input: $input) { userErrors { code } } }', {
      input: { id: toGlobalId('Contact', uuidv7()), firstName: 'X' },
    });
    expect(unknown.data!.contactUpdate.userErrors).toEqual([{ code: 'CONTACT_NOT_FOUND' }]);
  });
});
