import { toGlobalId } from '@cellgraph/kernel';
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
let contactId: string;

const { mutate, refused } = mutationsOf(() => harness, 'crm');
const DEAL =
  'deal { id title status probability probabilityOverridden actualCloseDate lostReason value { amount currencyCode } weightedValue { amount } stage { id name } owner { id } }';

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([crmSubgraph], { databaseUrl: database.url });
  admin = await testMember(database.url, 'admin');
  seller = await testMember(database.url, 'member', admin.orgId);
  contactId = (await mutate(seller.principal, 'contactCreate', { company: 'Acme' }, 'contact { id }')).contact.id;
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const query = (text: string, variables: Record<string, unknown> = {}, who: TestMember = seller) => harness.request('crm', text, variables, who.principal);

type Stage = { id: string; name: string; probability: number; closed: boolean; won: boolean };
async function pipeline(name = 'Sales', who = admin): Promise<{ id: string; stages: Stage[] }> {
  return (await mutate(who.principal, 'pipelineCreate', { name }, 'pipeline { id stages { id name probability closed won } }')).pipeline;
}
const stageNamed = (p: { stages: Stage[] }, name: string) => p.stages.find((s) => s.name === name)!;

describe('pipelines', () => {
  it('start with the default deal stages, and only owners and admins configure them', async () => {
    const sales = await pipeline();
    expect(sales.stages.map((s) => [s.name, s.probability, s.closed, s.won])).toEqual([
      ['Qualified', 20, false, false],
      ['Proposal', 40, false, false],
      ['Negotiation', 70, false, false],
      ['Closed won', 100, true, true],
      ['Closed lost', 0, true, false],
    ]);
    const denied = await query('mutation { pipelineCreate(input: { name: "Mine" }) { pipeline { id } } }');
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const review = (
      await mutate(
        admin.principal,
        'pipelineStageCreate',
        { pipelineId: sales.id, afterStageId: stageNamed(sales, 'Proposal').id, name: 'Review', probability: 55 },
        'stage { id }',
      )
    ).stage;
    await mutate(admin.principal, 'pipelineStageMove', { id: review.id, afterStageId: null }, 'stage { id }');
    const order = await query('query($id: ID!) { pipeline(id: $id) { stages { name } } }', { id: sales.id });
    expect(order.data!.pipeline.stages.map((s: { name: string }) => s.name)).toEqual([
      'Review',
      'Qualified',
      'Proposal',
      'Negotiation',
      'Closed won',
      'Closed lost',
    ]);
    expect(await refused(admin.principal, 'pipelineStageUpdate', { id: review.id, probability: 101 })).toEqual(['PIPELINE_INVALID_INPUT']);
  });

  it('refuse deleting a stage or a pipeline that still holds deals', async () => {
    const p = await pipeline('Busy');
    const deal = (await mutate(seller.principal, 'dealCreate', { contactId, pipelineId: p.id, title: 'Keeps it busy' }, 'deal { id }')).deal;
    expect(await refused(admin.principal, 'pipelineStageDelete', { id: stageNamed(p, 'Qualified').id })).toEqual(['PIPELINE_STAGE_NOT_EMPTY']);
    expect(await refused(admin.principal, 'pipelineDelete', { id: p.id })).toEqual(['PIPELINE_NOT_EMPTY']);
    expect(await refused(admin.principal, 'pipelineStageUpdate', { id: stageNamed(p, 'Qualified').id, closed: true })).toEqual(['PIPELINE_STAGE_NOT_EMPTY']);
    await mutate(seller.principal, 'dealDelete', { id: deal.id }, 'deletedDealId');
    await mutate(admin.principal, 'pipelineStageDelete', { id: stageNamed(p, 'Qualified').id }, 'deletedPipelineStageId');
    await mutate(admin.principal, 'pipelineDelete', { id: p.id }, 'deletedPipelineId');
  });
});

describe('deals', () => {
  it('take the stage’s probability unless overridden, and follow a new stage probability', async () => {
    const p = await pipeline('Probabilities');
    const qualified = stageNamed(p, 'Qualified');
    const follows = (await mutate(seller.principal, 'dealCreate', { contactId, pipelineId: p.id, title: 'Follows', value: '1000.00' }, DEAL)).deal;
    const fixed = (await mutate(seller.principal, 'dealCreate', { contactId, stageId: qualified.id, title: 'Fixed', value: '1000.00', probability: 35 }, DEAL))
      .deal;
    expect(follows).toMatchObject({
      status: 'OPEN',
      probability: 20,
      probabilityOverridden: false,
      stage: { name: 'Qualified' },
      owner: { id: seller.globalUserId },
      weightedValue: { amount: '200.00' },
    });
    expect(fixed).toMatchObject({ probability: 35, probabilityOverridden: true });
    await mutate(admin.principal, 'pipelineStageUpdate', { id: qualified.id, probability: 25 }, 'stage { probability }');
    const read = await query('query($a: ID!, $b: ID!) { a: deal(id: $a) { probability } b: deal(id: $b) { probability } }', { a: follows.id, b: fixed.id });
    expect(read.data).toEqual({ a: { probability: 25 }, b: { probability: 35 } });
    const reset = (await mutate(seller.principal, 'dealUpdate', { id: fixed.id, probability: null }, DEAL)).deal;
    expect(reset).toMatchObject({ probability: 25, probabilityOverridden: false });
  });

  it('move between stages: probability follows, closing sets the close date, reopening clears it', async () => {
    const p = await pipeline('Moves');
    const deal = (await mutate(seller.principal, 'dealCreate', { contactId, pipelineId: p.id, title: 'Moving', value: '500' }, DEAL)).deal;
    const proposal = (await mutate(seller.principal, 'dealMove', { id: deal.id, stageId: stageNamed(p, 'Proposal').id }, DEAL)).deal;
    expect(proposal).toMatchObject({ probability: 40, status: 'OPEN', actualCloseDate: null, value: { amount: '500.00', currencyCode: 'USD' } });
    expect(await refused(seller.principal, 'dealMove', { id: deal.id, stageId: stageNamed(p, 'Closed won').id, lostReason: 'Too dear' })).toEqual([
      'DEAL_INVALID_INPUT',
    ]);
    const lost = (
      await mutate(
        seller.principal,
        'dealMove',
        { id: deal.id, stageId: stageNamed(p, 'Closed lost').id, lostReason: 'Too dear', closeDate: '2026-11-20' },
        DEAL,
      )
    ).deal;
    expect(lost).toMatchObject({ status: 'LOST', probability: 0, actualCloseDate: '2026-11-20', lostReason: 'Too dear' });
    const reopened = (await mutate(seller.principal, 'dealMove', { id: deal.id, stageId: stageNamed(p, 'Negotiation').id }, DEAL)).deal;
    expect(reopened).toMatchObject({ status: 'OPEN', probability: 70, actualCloseDate: null, lostReason: null });
    const won = (await mutate(seller.principal, 'dealMove', { id: deal.id, stageId: stageNamed(p, 'Closed won').id }, DEAL)).deal;
    expect(won).toMatchObject({ status: 'WON', probability: 100, actualCloseDate: new Date().toISOString().slice(0, 10) });
    const types = (await outboxEvents(database.url, 'crm', uuidOf(deal.id))).map((e) => e.type);
    expect(types).toEqual(['deal.created', 'deal.moved', 'deal.moved', 'deal.lost', 'deal.moved', 'deal.reopened', 'deal.moved', 'deal.won']);
  });

  it('keep money exact and refuse amounts the currency cannot hold', async () => {
    const p = await pipeline('Money');
    const create = (value: unknown, currencyCode = 'USD') =>
      query('mutation($input: DealCreateInput!) { dealCreate(input: $input) { deal { value { amount currencyCode } } userErrors { code field } } }', {
        input: { contactId, pipelineId: p.id, title: 'Money', value, currencyCode },
      });
    expect((await create(0.1)).data!.dealCreate.deal.value).toEqual({ amount: '0.10', currencyCode: 'USD' });
    expect((await create('123456789012345.67')).data!.dealCreate.deal.value.amount).toBe('123456789012345.67');
    expect((await create('1500', 'JPY')).data!.dealCreate.deal.value).toEqual({ amount: '1500', currencyCode: 'JPY' });
    expect((await create('0.125', 'BHD')).data!.dealCreate.deal.value).toEqual({ amount: '0.125', currencyCode: 'BHD' });
    expect((await create('1500.5', 'JPY')).data!.dealCreate.userErrors).toEqual([{ code: 'DEAL_INVALID_INPUT', field: ['input', 'value'] }]);
    expect((await create('-5')).data!.dealCreate.userErrors).toEqual([{ code: 'DEAL_INVALID_INPUT', field: ['input', 'value'] }]);
    expect((await create('1e3')).errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect((await create(0.30000000000000004)).errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect((await create('10', 'XYZ')).errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('form a board: each stage’s deals and totals per currency', async () => {
    const p = await pipeline('Board');
    const [qualified, proposal] = [stageNamed(p, 'Qualified'), stageNamed(p, 'Proposal')];
    for (const [stage, value, currencyCode] of [
      [qualified, '10.05', 'USD'],
      [qualified, '20.10', 'USD'],
      [qualified, '7', 'EUR'],
      [proposal, '99.99', 'USD'],
    ] as const) {
      await mutate(seller.principal, 'dealCreate', { contactId, stageId: stage.id, title: `${value} ${currencyCode}`, value, currencyCode }, 'deal { id }');
    }
    const board = await query(
      'query($id: ID!) { pipeline(id: $id) { stages { name deals(first: 2, orderBy: [{ field: VALUE, direction: DESC }]) { totalCount nodes { title } } dealTotals { deals value { amount currencyCode } } } } }',
      { id: p.id },
    );
    const [q, pr, ...rest] = board.data!.pipeline.stages;
    expect(q).toEqual({
      name: 'Qualified',
      deals: { totalCount: 3, nodes: [{ title: '20.10 USD' }, { title: '10.05 USD' }] },
      dealTotals: [
        { deals: 1, value: { amount: '7.00', currencyCode: 'EUR' } },
        { deals: 2, value: { amount: '30.15', currencyCode: 'USD' } },
      ],
    });
    expect(pr.deals.totalCount).toBe(1);
    expect(rest.every((s: { deals: { totalCount: number } }) => s.deals.totalCount === 0)).toBe(true);
    const filtered = await query(
      'query($p: ID!) { deals(filter: { pipeline: { eq: $p }, value: { gt: "10.05" }, currencyCode: { eq: "USD" } }) { nodes { title } } }',
      { p: p.id },
    );
    expect(filtered.data!.deals.nodes.map((n: { title: string }) => n.title).sort()).toEqual(['20.10 USD', '99.99 USD']);
  });
});

describe('forecast', () => {
  /** Inserts deals straight into the table (the forecast is what is under test). */
  async function insertDeals(
    rows: {
      stageId: string;
      pipelineId: string;
      value: string;
      currency: string;
      probability: number;
      overridden?: boolean;
      expected?: string | null;
      closed?: string | null;
      deleted?: boolean;
    }[],
  ) {
    await withClient(database.url, async (client) => {
      const contact = uuidOf(contactId);
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        const values: unknown[] = [];
        const tuples = chunk.map((row, j) => {
          values.push(
            admin.orgId,
            contact,
            uuidOf(row.pipelineId),
            uuidOf(row.stageId),
            row.value,
            row.currency,
            row.probability,
            row.overridden ?? false,
            row.expected ?? null,
            row.closed ?? null,
            row.deleted ? new Date() : null,
            seller.userId,
          );
          const base = j * 12;
          return `(gen_random_uuid(), $${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, 'Seeded', $${base + 5}, $${base + 6}, $${base + 7}, $${base + 8}, $${base + 9}, $${base + 10}, $${base + 11}, $${base + 12}, $${base + 12})`;
        });
        await client.query(
          `INSERT INTO crm.deals (id, org_id, contact_id, pipeline_id, stage_id, title, value, currency, probability, probability_overridden, expected_close_date, actual_close_date, deleted_at, owner_id, created_by) VALUES ${tuples.join(', ')}`,
          values,
        );
      }
    });
  }
  const FORECAST = `query($p: ID) { dealForecast(pipelineId: $p) { month currencies { currencyCode openDeals totalValue { amount } weightedValue { amount } expectedThisMonth { amount } weightedThisMonth { amount } wonThisMonth { amount } wonDealsThisMonth byStage { stage { id } deals value { amount } weightedValue { amount } } } } }`;

  it('sums 10,000 deals of 0.10 to exactly 1000.00', async () => {
    const p = await pipeline('Ten thousand dimes');
    const qualified = stageNamed(p, 'Qualified');
    await insertDeals(Array.from({ length: 10_000 }, () => ({ pipelineId: p.id, stageId: qualified.id, value: '0.10', currency: 'USD', probability: 20 })));
    const forecast = (await query(FORECAST, { p: p.id })).data!.dealForecast;
    expect(forecast.currencies).toEqual([
      {
        currencyCode: 'USD',
        openDeals: 10_000,
        totalValue: { amount: '1000.00' },
        weightedValue: { amount: '200.00' },
        expectedThisMonth: { amount: '0.00' },
        weightedThisMonth: { amount: '0.00' },
        wonThisMonth: { amount: '0.00' },
        wonDealsThisMonth: 0,
        byStage: [{ stage: { id: qualified.id }, deals: 10_000, value: { amount: '1000.00' }, weightedValue: { amount: '200.00' } }],
      },
    ]);
  });

  it('matches an independent SQL computation on random data', async () => {
    const p = await pipeline('Random');
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor(seed / 2 ** 16) % n; // the high bits: an LCG's low bits cycle quickly
    };
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const currencies = ['USD', 'EUR', 'JPY', 'BHD'];
    const rows = Array.from({ length: 3_000 }, () => {
      const stage = p.stages[random(p.stages.length)]!;
      const currency = currencies[random(currencies.length)]!;
      const minor = { USD: 100, EUR: 100, JPY: 1, BHD: 1000 }[currency]!;
      const units = random(10_000_000);
      const value = minor === 1 ? String(units) : `${Math.floor(units / minor)}.${String(units % minor).padStart(String(minor).length - 1, '0')}`;
      const overridden = random(4) === 0;
      return {
        pipelineId: p.id,
        stageId: stage.id,
        value,
        currency,
        probability: overridden ? random(101) : stage.probability,
        overridden,
        expected: random(3) ? day(random(90) - 45) : null,
        closed: stage.closed ? day(-random(60)) : null,
        deleted: random(20) === 0,
      };
    });
    await insertDeals(rows);
    const forecast = (await query(FORECAST, { p: p.id })).data!.dealForecast;
    const expected = await withClient(database.url, async (client) => {
      const digits = `CASE d.currency WHEN 'JPY' THEN 0 WHEN 'BHD' THEN 3 ELSE 2 END`;
      const month = `date_trunc('month', now() AT TIME ZONE 'UTC')::date`;
      const inMonth = (column: string) => `${column} >= ${month} AND ${column} < (${month} + interval '1 month')`;
      const { rows: totals } = await client.query(
        `SELECT d.currency,
                count(*) FILTER (WHERE NOT s.closed)::int AS open,
                round(coalesce(sum(d.value) FILTER (WHERE NOT s.closed), 0), ${digits})::text AS total,
                round(coalesce(sum(d.value * d.probability / 100.0) FILTER (WHERE NOT s.closed), 0), ${digits})::text AS weighted,
                round(coalesce(sum(d.value) FILTER (WHERE NOT s.closed AND ${inMonth('d.expected_close_date')}), 0), ${digits})::text AS month,
                round(coalesce(sum(d.value) FILTER (WHERE s.won AND ${inMonth('d.actual_close_date')}), 0), ${digits})::text AS won
           FROM crm.deals d JOIN crm.pipeline_stages s ON s.id = d.stage_id
          WHERE d.pipeline_id = $1 AND d.deleted_at IS NULL
          GROUP BY d.currency ORDER BY d.currency`,
        [uuidOf(p.id)],
      );
      const { rows: stages } = await client.query(
        `SELECT d.currency, d.stage_id, count(*)::int AS deals, round(sum(d.value), ${digits})::text AS value
           FROM crm.deals d JOIN crm.pipeline_stages s ON s.id = d.stage_id
          WHERE d.pipeline_id = $1 AND d.deleted_at IS NULL AND NOT s.closed
          GROUP BY d.currency, d.stage_id, s.position ORDER BY d.currency, s.position`,
        [uuidOf(p.id)],
      );
      return { totals, stages };
    });
    expect(forecast.currencies.map((c: { currencyCode: string }) => c.currencyCode)).toEqual(expected.totals.map((t) => t.currency));
    for (const [index, row] of expected.totals.entries()) {
      const actual = forecast.currencies[index];
      expect({
        open: actual.openDeals,
        total: actual.totalValue.amount,
        weighted: actual.weightedValue.amount,
        month: actual.expectedThisMonth.amount,
        won: actual.wonThisMonth.amount,
      }).toEqual({
        open: row.open,
        total: row.total,
        weighted: row.weighted,
        month: row.month,
        won: row.won,
      });
      const byStage = expected.stages
        .filter((s) => s.currency === row.currency)
        .map((s) => ({ stage: { id: toGlobalId('PipelineStage', s.stage_id) }, deals: s.deals, value: { amount: s.value } }));
      expect(actual.byStage.map(({ stage, deals, value }: { stage: unknown; deals: number; value: unknown }) => ({ stage, deals, value }))).toEqual(byStage);
    }
    expect(forecast.currencies.length).toBe(4);
  });

  it('counts only the deals the caller may read', async () => {
    const guest = await testMember(database.url, 'guest', admin.orgId);
    const denied = await query('{ dealForecast { currencies { currencyCode } } }', {}, guest);
    expect(denied.data!.dealForecast.currencies).toEqual([]);
    const stranger = await testMember(database.url);
    expect((await query('{ dealForecast { currencies { currencyCode } } deals { totalCount } }', {}, stranger)).data).toEqual({
      dealForecast: { currencies: [] },
      deals: { totalCount: 0 },
    });
  });
});
