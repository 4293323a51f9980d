import {
  createTestDatabase,
  mutationsOf,
  startTestSubgraphs,
  testMember,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmSubgraph } from '../src/index.js';

// contactAnalytics and dealAnalytics: the deals forecast (sums per stage, weighted by probability,
// per currency) and new contacts per week, over what the caller reads.

let database: TestDatabase;
let harness: SubgraphHarness;
let admin: TestMember;
let seller: TestMember;
let stages: { id: string; name: string }[];

const { mutate } = mutationsOf(() => harness, 'crm');
const data = async (text: string, variables: Record<string, unknown> = {}, who: TestMember = seller) => {
  const result = await harness.request('crm', text, variables, who.principal);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
};
const stage = (name: string) => stages.find((each) => each.name === name)!.id;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([crmSubgraph], { databaseUrl: database.url });
  admin = await testMember(database.url, 'admin');
  seller = await testMember(database.url, 'member', admin.orgId);
  const contactId = (await mutate<{ contact: { id: string } }>(seller.principal, 'contactCreate', { company: 'Acme', type: 'LEAD' }, 'contact { id }')).contact
    .id;
  await mutate(seller.principal, 'contactCreate', { company: 'Globex', type: 'CLIENT' }, 'contact { id }');
  stages = (
    await mutate<{ pipeline: { stages: { id: string; name: string }[] } }>(
      admin.principal,
      'pipelineCreate',
      { name: 'Sales' },
      'pipeline { stages { id name } }',
    )
  ).pipeline.stages;
  const deal = (title: string, stageName: string, value: string, currencyCode = 'USD', probability?: number) =>
    mutate(seller.principal, 'dealCreate', { contactId, stageId: stage(stageName), title, value, currencyCode, probability }, 'deal { id }');
  await deal('One', 'Qualified', '1000.00'); // 20 %
  await deal('Two', 'Qualified', '500.50', 'USD', 50);
  await deal('Three', 'Negotiation', '2000.00'); // 70 %
  await deal('Four', 'Negotiation', '300.00', 'EUR'); // 70 %
  await deal('Won', 'Closed won', '999.99');
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

describe('dealAnalytics', () => {
  it('is the forecast: open deals per stage with exact sums of amount and of amount × probability, one currency at a time', async () => {
    const forecast = await data(`{ dealAnalytics(filter: { status: { eq: OPEN }, currencyCode: { eq: "USD" } }) {
      count amount: groupBy(dimension: STAGE, sum: AMOUNT) { key count sum } weighted: groupBy(dimension: STAGE, sum: WEIGHTED_AMOUNT) { key sum } } }`);
    expect(forecast.dealAnalytics.count).toBe(3);
    const byKey = <T extends { key: string }>(groups: T[]) => [...groups].sort((a, b) => a.key.localeCompare(b.key));
    expect(byKey(forecast.dealAnalytics.amount)).toEqual(
      byKey([
        { key: stage('Qualified'), count: 2, sum: '1500.5' },
        { key: stage('Negotiation'), count: 1, sum: '2000' },
      ]),
    );
    const weighted = Object.fromEntries(forecast.dealAnalytics.weighted.map((group: { key: string; sum: string }) => [group.key, Number(group.sum)]));
    expect(weighted).toEqual({ [stage('Qualified')]: 450.25, [stage('Negotiation')]: 1400 });

    const byCurrency = await data('{ dealAnalytics { groupBy(dimension: CURRENCY, sum: AMOUNT) { key count sum } } }');
    expect(byCurrency.dealAnalytics.groupBy).toEqual([
      { key: 'USD', count: 4, sum: '4500.49' },
      { key: 'EUR', count: 1, sum: '300' },
    ]);
    const byStatus = await data('{ dealAnalytics { groupBy(dimension: STATUS) { key count } } }');
    expect(byStatus.dealAnalytics.groupBy).toEqual([
      { key: 'OPEN', count: 4 },
      { key: 'WON', count: 1 },
    ]);
  });

  it('shows a guest none of the deals and another organization nothing', async () => {
    const guest = await testMember(database.url, 'guest', admin.orgId);
    expect((await data('{ dealAnalytics { count groupBy(dimension: STAGE) { key } } }', {}, guest)).dealAnalytics).toEqual({ count: 0, groupBy: [] });
    const stranger = await testMember(database.url, 'owner');
    expect((await data('{ dealAnalytics { count } contactAnalytics { count } }', {}, stranger)).dealAnalytics.count).toBe(0);
  });
});

describe('contactAnalytics', () => {
  it('counts new contacts per week and groups them by type', async () => {
    const now = new Date();
    const from = new Date(now.getTime() - 14 * 86_400_000).toISOString();
    const to = new Date(now.getTime() + 86_400_000).toISOString();
    const result = await data(
      `query($from: DateTimeISO!, $to: DateTimeISO!) { contactAnalytics {
        count byType: groupBy(dimension: TYPE) { key count } perWeek: timeSeries(date: CREATED_AT, interval: WEEK, from: $from, to: $to) { start count } } }`,
      { from, to },
    );
    expect(result.contactAnalytics.count).toBe(2);
    expect(result.contactAnalytics.byType).toEqual([
      { key: 'CLIENT', count: 1 },
      { key: 'LEAD', count: 1 },
    ]);
    const weeks = result.contactAnalytics.perWeek as { start: string; count: number }[];
    expect(weeks.length).toBeGreaterThanOrEqual(3);
    expect(weeks.every((week) => new Date(week.start).getUTCDay() === 1)).toBe(true);
    expect(weeks.map((week) => week.count).reduce((a, b) => a + b)).toBe(2);
    const thisWeek = weeks.find((week) => new Date(week.start) <= now && now.getTime() < new Date(week.start).getTime() + 7 * 86_400_000);
    expect(thisWeek?.count).toBe(2);
  });
});
