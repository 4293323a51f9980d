import { generateEncryptionKey, generateSigningKeyPair, readSentEmails, type SentEmail } from '@cellgraph/kernel';
import {
  createTestDatabase,
  mutationsOf,
  startTestSubgraphs,
  testMember,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../scripts/runtime/catalog.js';
import { notificationsSubgraph, type NotificationsServices } from '../src/index.js';
import { eventually, giveAddress, publishedEvent, rowsOf } from './helpers.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let services: NotificationsServices;
let owner: TestMember;

const notifications = mutationsOf(() => harness, 'notifications');
const SET = `mutation($input: SettingSetInput!) { settingSet(input: $input) { userErrors { code field message } } }`;

/** Identity serves the profile settings (set through its settingSet, as a member would). */
beforeAll(async () => {
  database = await createTestDatabase();
  const { privateJwk } = await generateSigningKeyPair();
  harness = await startTestSubgraphs([catalog.identity!, notificationsSubgraph], {
    databaseUrl: database.url,
    env: { AUTH_SIGNING_KEY: JSON.stringify(privateJwk), IDENTITY_ENCRYPTION_KEY: generateEncryptionKey() },
  });
  services = harness.servers.find((server) => server.name === 'notifications')!.services as NotificationsServices;
  owner = await testMember(database.url, 'owner');
  // Settings belong to an organization identity knows (test members exist only as roles).
  await withClient(database.url, (c) =>
    c.query(`INSERT INTO identity.organizations (id, name, slug) VALUES ($1, 'Acme', $2)`, [owner.orgId, `acme-${owner.orgId}`]),
  );
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const mailTo = (address: string): SentEmail[] => readSentEmails(harness.emailDir).filter((mail) => mail.to === address);

/** A member who gets document e-mail at once, with their profile's locale and time zone (none: the defaults). */
async function reader(email: string, profile?: { locale: string; timeZone: string }): Promise<TestMember> {
  const member = await testMember(database.url, 'member', owner.orgId);
  await giveAddress(services, member, email);
  await notifications.mutate(member.principal, 'notificationPreferenceSet', { event: 'document.*', email: true }, 'preference { event }');
  if (profile) {
    const set = await harness.request('identity', SET, { input: { namespace: 'profile', scope: 'USER', values: profile } }, member.principal);
    expect(set.errors ?? set.data!.settingSet.userErrors).toEqual([]);
  }
  return member;
}

/** The owner's document expired at 23:30 UTC on 3 May 2026: already 4 May in Berlin. */
const expire = (ownerId: string) =>
  services.router.handle(
    publishedEvent('document.expired', owner.orgId, {
      subject: { type: 'Document', id: '0190c0de-0000-7000-8000-000000000001' },
      data: { title: 'Retainer', ownerId, from: 'signed', expiresAt: '2026-05-03T23:30:00.000Z' },
    }),
  );

describe('notifications in the recipient’s language and time zone', () => {
  it('writes the in-app text and the e-mail in German, dated in Berlin, for a de-DE profile; in English (UTC) otherwise', async () => {
    const greta = await reader('greta@example.test', { locale: 'de-DE', timeZone: 'Europe/Berlin' });
    const emma = await reader('emma@example.test');
    await expire(greta.userId);
    await expire(emma.userId);

    expect((await rowsOf(database.url, greta.userId)).map((row) => [row.title, row.body])).toEqual([
      ['„Retainer“ ist abgelaufen', 'Es war unterschrieben; sein Ablaufdatum (04.05.2026) ist verstrichen.'],
    ]);
    expect((await rowsOf(database.url, emma.userId)).map((row) => [row.title, row.body])).toEqual([
      ['“Retainer” expired', 'It was signed; its expiry date passed on May 3, 2026.'],
    ]);

    const [german] = await eventually(
      () => mailTo('greta@example.test'),
      (mails) => mails.length > 0,
    );
    expect(german).toMatchObject({ subject: '„Retainer“ ist abgelaufen', text: expect.stringContaining('Ablaufdatum (04.05.2026)') });
    expect(german!.html).toContain('<html lang="de">');
    expect(german!.html).toContain('Sie erhalten diese Nachricht aufgrund Ihrer Benachrichtigungseinstellungen.');
    const [english] = await eventually(
      () => mailTo('emma@example.test'),
      (mails) => mails.length > 0,
    );
    expect(english).toMatchObject({ subject: '“Retainer” expired', text: expect.stringContaining('passed on May 3, 2026.') });
    expect(english!.html).toContain('You receive this because of your notification preferences.');
  });
});
