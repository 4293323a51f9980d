import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identityEvents } from '@cellgraph/identity/contracts';
import { parseEvent, readSentEmails, uuidv7, type SentEmail } from '@cellgraph/kernel';
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
import { notificationsSubgraph, readSentPushes, type NotificationsServices } from '../src/index.js';
import { deliveriesOf, eventually, giveAddress, publishedEvent, rowsOf, sleep } from './helpers.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let services: NotificationsServices;
let pushDir: string;
let owner: TestMember;
const pool: TestMember[] = [];

const notifications = mutationsOf(() => harness, 'notifications');

beforeAll(async () => {
  database = await createTestDatabase();
  pushDir = mkdtempSync(join(tmpdir(), 'cellgraph-push-test-'));
  harness = await startTestSubgraphs([notificationsSubgraph], { databaseUrl: database.url, env: { PUSH_SINK_DIR: pushDir } });
  services = harness.servers[0]!.services as NotificationsServices;
  owner = await testMember(database.url, 'owner');
  for (let i = 0; i < 12; i++) pool.push(await testMember(database.url, 'member', owner.orgId));
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
  if (pushDir) rmSync(pushDir, { recursive: true, force: true });
});

const query = (who: TestMember, text: string, variables: Record<string, unknown> = {}) => harness.request('notifications', text, variables, who.principal);
const mailTo = (address: string): SentEmail[] => readSentEmails(harness.emailDir).filter((mail) => mail.to === address);
const assign = (to: TestMember, orgId = owner.orgId) =>
  services.router.handle(
    publishedEvent('task.assigned', orgId, { actorId: owner.userId, data: { before: { assigneeId: null }, after: { assigneeId: to.userId } } }),
  );
const request = (to: TestMember, automation: string, message: string) =>
  services.router.handle(publishedEvent('automation.notification_requested', owner.orgId, { data: { automation, message, recipients: [to.userId] } }));

describe('e-mail now', () => {
  it('sends one e-mail rendered from the system template, logs it SENT, and a rerun of the job sends nothing', async () => {
    const ann = pool.pop()!;
    await giveAddress(services, ann, 'ann@example.test');
    await assign(ann);
    const mails = await eventually(
      () => mailTo('ann@example.test'),
      (m) => m.length > 0,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ subject: 'Assigned to you: A task was assigned to you', text: expect.stringContaining('A task is yours now.') });
    expect(mails[0]!.html).toContain('<h2>A task is yours now</h2>');
    const [row] = await rowsOf(database.url, ann.userId);
    const deliveries = await eventually(
      () => deliveriesOf(database.url, ann.userId),
      (d) => d[0]?.status === 'sent',
    );
    expect(deliveries).toEqual([
      expect.objectContaining({
        channel: 'email',
        frequency: 'immediate',
        status: 'sent',
        address: 'ann@example.test',
        subject: mails[0]!.subject,
        detail: null,
      }),
    ]);

    // The job again (directly, and as a new job): the delivery is claimed, nothing is sent or touched.
    await services.deliveries.sendEmail({ orgId: owner.orgId, notificationId: row!.id });
    await harness.servers[0]!.runtime.jobs.enqueue('notification.email', { orgId: owner.orgId, notificationId: row!.id }, { jobId: `email-again-${row!.id}` });
    await sleep(1_000);
    expect(mailTo('ann@example.test')).toHaveLength(1);
    expect((await deliveriesOf(database.url, ann.userId))[0]!.sent_at).toEqual(deliveries[0]!.sent_at);

    const log = await query(owner, '{ emailLog(channel: EMAIL, first: 50) { nodes { channel status to subject detail recipient { id } sentAt } } }');
    expect(log.data!.emailLog.nodes).toContainEqual({
      channel: 'EMAIL',
      status: 'SENT',
      to: 'ann@example.test',
      subject: mails[0]!.subject,
      detail: null,
      recipient: { id: ann.globalUserId },
      sentAt: expect.any(String),
    });
  });

  it('logs FAILED with "no address" for a member whose address identity never announced', async () => {
    const ben = pool.pop()!;
    await assign(ben);
    const deliveries = await eventually(
      () => deliveriesOf(database.url, ben.userId),
      (d) => d[0]?.status !== 'queued',
    );
    expect(deliveries).toEqual([expect.objectContaining({ channel: 'email', status: 'failed', detail: 'no address', address: null })]);
  });
});

describe('organization templates', () => {
  const TEMPLATE = 'template { event subject html text }';

  it('replace the system template for their events (the most specific wins) and only in their organization', async () => {
    const cleo = pool.pop()!;
    await giveAddress(services, cleo, 'cleo@example.test');
    await notifications.mutate(
      owner.principal,
      'notificationTemplateSet',
      { event: 'task.*', subject: '[Acme tasks] {{title}}', html: '<p>{{title}}</p>', text: 'Acme: {{title}}' },
      TEMPLATE,
    );
    const set = await notifications.mutate(
      owner.principal,
      'notificationTemplateSet',
      { event: 'task.assigned', subject: '[Acme] {{title}}', html: '<b>{{title}}</b><i>{{body}}</i>', text: 'Acme says: {{title}} — {{body}} ({{event}})' },
      TEMPLATE,
    );
    expect(set.template).toEqual({
      event: 'task.assigned',
      subject: '[Acme] {{title}}',
      html: '<b>{{title}}</b><i>{{body}}</i>',
      text: 'Acme says: {{title}} — {{body}} ({{event}})',
    });
    await assign(cleo);
    await services.router.handle(publishedEvent('task.completed', owner.orgId, { actorId: owner.userId, data: { recipients: [cleo.userId] } }));
    const mails = await eventually(
      () => mailTo('cleo@example.test'),
      (m) => m.length >= 2,
    );
    expect(mails.map((m) => m.subject).sort()).toEqual(['[Acme tasks] A task you watch was completed', '[Acme] A task was assigned to you']);
    const assigned = mails.find((m) => m.subject.startsWith('[Acme] '))!;
    expect(assigned.text).toBe('Acme says: A task was assigned to you — Open it to see what is expected and when it is due. (task.assigned)');
    expect(assigned.html).toBe('<b>A task was assigned to you</b><i>Open it to see what is expected and when it is due.</i>');

    // Another organization keeps the system's.
    const other = await testMember(database.url, 'owner');
    const dora = await testMember(database.url, 'member', other.orgId);
    await giveAddress(services, dora, 'dora@example.test');
    await assign(dora, other.orgId);
    const theirs = await eventually(
      () => mailTo('dora@example.test'),
      (m) => m.length > 0,
    );
    expect(theirs.map((m) => m.subject)).toEqual(['Assigned to you: A task was assigned to you']);

    const listed = await query(owner, '{ notificationTemplates { event } }');
    expect(listed.data!.notificationTemplates).toEqual([{ event: 'task.*' }, { event: 'task.assigned' }]);
    expect((await notifications.mutate(owner.principal, 'notificationTemplateDelete', { event: 'task.*' }, 'deletedEvent')).deletedEvent).toBe('task.*');
    expect(await notifications.refused(owner.principal, 'notificationTemplateDelete', { event: 'task.*' })).toEqual(['NOTIFICATION_TEMPLATE_NOT_FOUND']);
  });

  it('are refused when their syntax or helpers are invalid, and writes nothing', async () => {
    const set = (input: Record<string, unknown>) =>
      query(
        owner,
        'mutation($input: NotificationTemplateSetInput!) { notificationTemplateSet(input: $input) { template { event } userErrors { code field } } }',
        { input },
      );
    const broken = await set({ event: 'deal.assigned', subject: '{{title}', html: '{{#if title}}<p>unclosed', text: '{{shout title}}' });
    expect(broken.data!.notificationTemplateSet).toEqual({
      template: null,
      userErrors: [
        { code: 'NOTIFICATION_TEMPLATE_INVALID', field: ['input', 'subject'] },
        { code: 'NOTIFICATION_TEMPLATE_INVALID', field: ['input', 'html'] },
        { code: 'NOTIFICATION_TEMPLATE_INVALID', field: ['input', 'text'] },
      ],
    });
    const partial = await set({ event: 'deal.assigned', subject: 'ok', html: '{{> header}}', text: 'ok' });
    expect(partial.data!.notificationTemplateSet.userErrors).toEqual([{ code: 'NOTIFICATION_TEMPLATE_INVALID', field: ['input', 'html'] }]);
    const badKey = await set({ event: 'Deal assigned', subject: 'ok', html: 'ok', text: 'ok' });
    expect(badKey.data!.notificationTemplateSet.userErrors).toEqual([{ code: 'NOTIFICATION_INVALID_INPUT', field: ['input', 'event'] }]);
    const count = await withClient(
      database.url,
      async (c) => (await c.query(`SELECT count(*)::int AS n FROM notifications.email_templates WHERE event_type = 'deal.assigned'`)).rows[0].n,
    );
    expect(count).toBe(0);
  });

  it('are for owners and admins only, as is the e-mail log', async () => {
    const member = pool.pop()!;
    const set = await query(member, 'mutation { notificationTemplateSet(input: { event: "*", subject: "x", html: "x", text: "x" }) { template { event } } }');
    expect(set.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN']);
    expect((await query(member, '{ notificationTemplates { event } }')).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await query(member, '{ emailLog { nodes { status } } }')).errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('push', () => {
  it('goes out only for the events a user enabled it for, once', async () => {
    const eve = pool.pop()!;
    await notifications.mutate(eve.principal, 'notificationPreferenceSet', { event: 'automation.*', push: true, email: false }, 'preference { event }');
    await request(eve, 'Standup', 'Time for the standup');
    await assign(eve); // default: no push
    const pushes = await eventually(
      () => readSentPushes(pushDir).filter((p) => p.userId === eve.userId),
      (p) => p.length > 0,
    );
    await sleep(500);
    expect(readSentPushes(pushDir).filter((p) => p.userId === eve.userId)).toHaveLength(1);
    const [row] = (await rowsOf(database.url, eve.userId)).filter((r) => r.event_type === 'automation.notification_requested');
    expect(pushes[0]).toMatchObject({
      orgId: owner.orgId,
      title: 'Automation: Standup',
      body: 'Time for the standup',
      data: { event: 'automation.notification_requested', notificationId: expect.any(String) },
    });
    await services.deliveries.sendPush({ orgId: owner.orgId, notificationId: row!.id });
    expect(readSentPushes(pushDir).filter((p) => p.userId === eve.userId)).toHaveLength(1);
    const deliveries = await deliveriesOf(database.url, eve.userId);
    expect(deliveries.map((d) => [d.channel, d.status])).toEqual([
      ['push', 'sent'],
      ['email', expect.any(String)],
    ]); // task.assigned still e-mails
  });
});

describe('digests', () => {
  const frequency = (who: TestMember, emailFrequency: string) =>
    notifications.mutate(who.principal, 'notificationSettingsUpdate', { emailFrequency }, 'settings { emailFrequency }');

  it('send an hourly user one e-mail for everything since the last, once per period', async () => {
    const finn = pool.pop()!;
    await giveAddress(services, finn, 'finn@example.test');
    await frequency(finn, 'HOURLY');
    await request(finn, 'First', 'one');
    await assign(finn);
    await sleep(1_000);
    expect(mailTo('finn@example.test')).toEqual([]); // nothing immediately
    expect((await deliveriesOf(database.url, finn.userId)).map((d) => [d.frequency, d.status])).toEqual([
      ['hourly', 'queued'],
      ['hourly', 'queued'],
    ]);

    const now = new Date();
    expect(await services.deliveries.sendDigests('hourly' as never, now)).toBeGreaterThanOrEqual(1);
    const mails = await eventually(
      () => mailTo('finn@example.test'),
      (m) => m.length > 0,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Your hourly digest: 2 notifications');
    expect(mails[0]!.text).toBe(
      'Your hourly digest\n\n- Automation: First: one\n- A task was assigned to you: Open it to see what is expected and when it is due.\n',
    );
    expect((await deliveriesOf(database.url, finn.userId)).map((d) => [d.status, d.detail])).toEqual([
      ['sent', 'in the hourly digest'],
      ['sent', 'in the hourly digest'],
    ]);

    // Again: nothing waits. Something new in the same hour waits for the next one.
    expect(await services.deliveries.sendDigests('hourly' as never, now)).toBe(0);
    await request(finn, 'Second', 'two');
    expect(await services.deliveries.sendDigest(owner.orgId, finn.userId, 'hourly' as never, new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000))).toBe(
      false,
    );
    expect(await services.deliveries.sendDigests('daily' as never, now)).toBe(0); // not a daily user
    await sleep(500);
    expect(mailTo('finn@example.test')).toHaveLength(1);
    expect(await services.deliveries.sendDigests('hourly' as never, new Date(now.getTime() + 3_600_000))).toBeGreaterThanOrEqual(1);
    const next = await eventually(
      () => mailTo('finn@example.test'),
      (m) => m.length > 1,
    );
    expect(next.map((m) => m.subject)).toEqual(['Your hourly digest: 2 notifications', 'Your hourly digest: 1 notification']);
  });

  it('send one digest when two workers run it at once, with the organization’s digest template', async () => {
    const gus = pool.pop()!;
    await giveAddress(services, gus, 'gus@example.test');
    await frequency(gus, 'DAILY');
    await notifications.mutate(
      owner.principal,
      'notificationTemplateSet',
      {
        event: 'digest',
        subject: 'Acme daily: {{count}}',
        html: '<ul>{{#each notifications}}<li>{{title}}</li>{{/each}}</ul>',
        text: '{{#each notifications}}{{title}};{{/each}}',
      },
      'template { event }',
    );
    await request(gus, 'One', '1');
    await request(gus, 'Two', '2');
    const at = new Date();
    await Promise.all([
      services.deliveries.sendDigests('daily' as never, at),
      services.deliveries.sendDigests('daily' as never, at),
      services.deliveries.sendDigest(owner.orgId, gus.userId, 'daily' as never, new Date(at.toISOString().slice(0, 10))),
    ]);
    const mails = await eventually(
      () => mailTo('gus@example.test'),
      (m) => m.length > 0,
    );
    await sleep(500);
    expect(mailTo('gus@example.test')).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      subject: 'Acme daily: 2',
      text: 'Automation: One;Automation: Two;',
      html: '<ul><li>Automation: One</li><li>Automation: Two</li></ul>',
    });
    const claims = await withClient(
      database.url,
      async (c) => (await c.query('SELECT frequency, notification_count FROM notifications.digests WHERE user_id = $1', [gus.userId])).rows,
    );
    expect(claims).toEqual([{ frequency: 'daily', notification_count: 2 }]);
  });
});

describe('addresses', () => {
  it('come from membership events, and are forgotten when the member leaves', async () => {
    const hugo = pool.pop()!;
    await giveAddress(services, hugo, 'Hugo@Example.test');
    const addressOf = () => services.db.transaction({ orgId: owner.orgId, userId: null }, (em) => services.addresses.addressOf(em, hugo.userId));
    expect(await addressOf()).toBe('hugo@example.test');
    await services.addresses.forget(
      parseEvent(
        identityEvents,
        'membership.removed',
        publishedEvent('membership.removed', owner.orgId, { subject: { type: 'User', id: hugo.userId }, data: { role: 'member' } }),
      ),
    );
    expect(await addressOf()).toBeNull();
    expect(await services.db.transaction({ orgId: uuidv7(), userId: null }, (em) => services.addresses.addressOf(em, hugo.userId))).toBeNull();
  });
});
