import { grantPlatformAdmin } from '@cellgraph/identity';
import { waitFor, withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell } from '../testing/cell-harness.js';

const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;
const CONTACTS = `{ contacts(first: 1) { totalCount } }`;
const FEATURES = `{ features { key enabled } }`;
const FLAG_SET = `mutation($input: FeatureFlagSetInput!) { featureFlagSet(input: $input) { featureFlag { key } userErrors { code field message } } }`;

let cell: TestCell;

beforeAll(async () => {
  cell = await startTestCell({ cell: 'sales' });
});
afterAll(async () => {
  await cell?.stop();
});

describe('the module kill switch', () => {
  it('refuses a module’s operations with FEATURE_DISABLED for the organizations it is off for, and `features` tells the SPA', async () => {
    const off = await cell.signUp('Switched Off');
    const on = await cell.signUp('Still On');
    const admin = await cell.signUp('Platform Admin');
    await withClient(cell.database.url, (client) => grantPlatformAdmin(client, admin.email));

    expect((await cell.gql(CONTACTS, {}, off.token)).data).toEqual({ contacts: { totalCount: 0 } });
    const refusedToMember = await cell.gql(FLAG_SET, { input: { key: 'module.crm', defaultEnabled: true } }, off.token);
    expect(refusedToMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const set = await cell.gql(
      FLAG_SET,
      {
        input: {
          key: 'module.crm',
          description: 'CRM off for one organization',
          defaultEnabled: true,
          rules: [{ kind: 'ORGANIZATION', ids: [uuidOf(off.organizationId)], enabled: false }],
        },
      },
      admin.token,
    );
    expect(set.data).toEqual({ featureFlagSet: { featureFlag: { key: 'module.crm' }, userErrors: [] } });

    await waitFor(async () => (await cell.gql(CONTACTS, {}, off.token)).errors?.[0]?.extensions?.code === 'FEATURE_DISABLED', 'crm switched off');
    const refused = await cell.gql(CONTACTS, {}, off.token);
    expect(refused.errors?.[0]).toMatchObject({
      message: 'The crm module is switched off for you',
      extensions: { code: 'FEATURE_DISABLED', module: 'crm', flag: 'module.crm' },
    });
    expect((await cell.gql(FEATURES, {}, off.token)).data!.features).toContainEqual({ key: 'module.crm', enabled: false });

    expect((await cell.gql(CONTACTS, {}, on.token)).data).toEqual({ contacts: { totalCount: 0 } });
    expect((await cell.gql(FEATURES, {}, on.token)).data!.features).toContainEqual({ key: 'module.crm', enabled: true });
    // Identity is never switched off: settings still answer for the switched-off organization.
    expect((await cell.gql(`{ settings(namespace: "profile") { values } }`, {}, off.token)).data).toEqual({
      settings: { values: { timeZone: 'UTC', locale: 'en-US' } },
    });

    await cell.gql(FLAG_SET, { input: { key: 'module.crm', defaultEnabled: true } }, admin.token);
    await waitFor(async () => (await cell.gql(CONTACTS, {}, off.token)).data?.contacts?.totalCount === 0, 'crm back on');
  });
});
