import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INTERNAL_CONTEXT_HEADER, LIVE_EVENT_EXTENSION, MalformedPayloadError, toGlobalId, uuidv7, type PublishedEvent } from '@cellgraph/kernel';
import {
  createTestDatabase,
  mutationsOf,
  outboxEvents,
  startTestSubgraphs,
  testMember,
  uuidOf,
  withClient,
  type GraphQLData,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { catalog } from '../../../scripts/runtime/catalog.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsSubgraph, type NotificationsServices } from '../src/index.js';
import { eventually, publishedEvent, rowsOf, sleep } from './helpers.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let services: NotificationsServices;
let pushDir: string;
let alice: TestMember;
let bob: TestMember;
const pool: TestMember[] = [];

const tasks = mutationsOf(() => harness, 'tasks');
const notifications = mutationsOf(() => harness, 'notifications');

beforeAll(async () => {
  database = await createTestDatabase();
  pushDir = mkdtempSync(join(tmpdir(), 'cellgraph-push-test-'));
  harness = await startTestSubgraphs([catalog.tasks!, notificationsSubgraph], { databaseUrl: database.url, env: { PUSH_SINK_DIR: pushDir } });
  services = harness.servers.find((s) => s.name === 'notifications')!.services as NotificationsServices;
  alice = await testMember(database.url, 'owner');
  bob = await testMember(database.url, 'member', alice.orgId);
  // Members are granted before anyone asks: the harness's processes cache an organization's policies.
  for (let i = 0; i < 20; i++) pool.push(await testMember(database.url, 'member', alice.orgId));
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
  if (pushDir) rmSync(pushDir, { recursive: true, force: true });
});

const query = (who: TestMember, text: string, variables: Record<string, unknown> = {}) => harness.request('notifications', text, variables, who.principal);
const LIST = '{ notifications { totalCount nodes { id event title body subjectType subjectId actor { id } readAt } } notificationUnreadCount }';
const listOf = async (who: TestMember) =>
  (await query(who, LIST)).data as { notifications: { totalCount: number; nodes: GraphQLData[] }; notificationUnreadCount: number };
/** Another member of alice's organization, not notified of anything yet. */
const newMember = async (): Promise<TestMember> => pool.pop()!;

/** The events of the tasks outbox about a task, as the relay publishes them. */
async function taskEvents(taskId: string, type: string): Promise<PublishedEvent[]> {
  const rows = await withClient(
    database.url,
    async (c) =>
      (
        await c.query(
          'SELECT id, type, org_id, actor_id, subject_type, subject_id, data, request_id, occurred_at FROM tasks.outbox WHERE subject_id = $1 AND type = $2 ORDER BY occurred_at, id',
          [taskId, type],
        )
      ).rows,
  );
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    orgId: row.org_id,
    actorId: row.actor_id,
    subject: { type: row.subject_type, id: row.subject_id },
    data: row.data,
    requestId: row.request_id,
    occurredAt: row.occurred_at.toISOString(),
  }));
}

describe('routing events of the tasks subgraph', () => {
  it('notifies the new assignee of a task once — not the actor — also when the event is delivered again', async () => {
    const task = (await tasks.mutate(alice.principal, 'taskCreate', { title: 'Write the launch post', assigneeId: bob.globalUserId }, 'task { id }')).task;
    // The two root fields read in two transactions: wait until both have seen the commit.
    const listed = await eventually(
      () => listOf(bob),
      (l) => l.notifications.nodes.length > 0 && l.notificationUnreadCount > 0,
    );
    expect(listed.notifications.nodes).toEqual([
      {
        id: expect.any(String),
        event: 'task.assigned',
        title: 'A task was assigned to you',
        body: '“Write the launch post”: open it to see what is expected and when it is due.',
        subjectType: 'Task',
        subjectId: task.id,
        actor: { id: alice.globalUserId },
        readAt: null,
      },
    ]);
    expect(listed.notificationUnreadCount).toBe(1);
    await sleep(500); // task.created was relayed too: it notifies nobody
    expect((await listOf(alice)).notifications.totalCount).toBe(0);

    const [assigned] = await taskEvents(uuidOf(task.id), 'task.assigned');
    await Promise.all([services.router.handle(assigned!), services.router.handle(assigned!)]);
    await services.router.handle(assigned!);
    const rows = await rowsOf(database.url, bob.userId);
    expect(rows.filter((r) => r.event_id === assigned!.id)).toHaveLength(1);
    const announced = await outboxEvents(database.url, 'notifications', rows[0]!.id);
    expect(announced).toEqual([{ type: 'notification.created', actor_id: null, data: { recipientId: bob.userId } }]);
  });

  it('tells the watchers of a status change and of completion, except whoever made it', async () => {
    const carol = await newMember();
    const task = (await tasks.mutate(carol.principal, 'taskCreate', { title: 'Review the budget', assigneeId: bob.globalUserId }, 'task { id }')).task;
    await tasks.mutate(bob.principal, 'taskUpdate', { id: task.id, status: 'IN_PROGRESS' }, 'task { id }');
    const changed = await eventually(
      () => listOf(carol),
      (l) => l.notifications.nodes.length >= 1,
    );
    expect(changed.notifications.nodes).toMatchObject([
      {
        event: 'task.status_changed',
        title: 'A task you watch changed status',
        body: '“Review the budget”: To do → In progress',
        actor: { id: bob.globalUserId },
      },
    ]);
    await tasks.mutate(bob.principal, 'taskUpdate', { id: task.id, status: 'DONE' }, 'task { id }');
    const done = await eventually(
      () => listOf(carol),
      (l) => l.notifications.nodes.length >= 2,
    );
    await sleep(300);
    expect((await listOf(carol)).notifications.nodes.map((n) => n.event)).toEqual(['task.completed', 'task.status_changed']);
    // bob was assigned (by carol) and watches, but made both changes himself.
    expect((await rowsOf(database.url, bob.userId)).filter((r) => r.subject_id === uuidOf(task.id)).map((r) => r.event_type)).toEqual(['task.assigned']);
    expect(done.notifications.nodes[0]).toMatchObject({ title: 'A task you watch was completed', subjectId: task.id });
  });
});

describe('routing events of other modules', () => {
  it('notifies the mentioned user about the commented object, automation recipients with the message, and new CRM owners', async () => {
    const dave = await newMember();
    const nodeId = uuidv7();
    await services.router.handle(
      publishedEvent('user.mentioned', alice.orgId, {
        actorId: alice.userId,
        subject: { type: 'User', id: dave.userId },
        data: { commentId: uuidv7(), nodeType: 'Task', nodeId, recipients: [dave.userId] },
      }),
    );
    await services.router.handle(
      publishedEvent('automation.notification_requested', alice.orgId, {
        data: { automationId: uuidv7(), automation: 'Overdue alert', message: 'The task is overdue.', recipients: [dave.userId, alice.userId] },
      }),
    );
    const contact = uuidv7();
    await services.router.handle(
      publishedEvent('contact.assigned', alice.orgId, {
        actorId: alice.userId,
        subject: { type: 'Contact', id: contact },
        data: { contactId: contact, before: { assignedTo: null }, after: { assignedTo: dave.userId } },
      }),
    );
    const deal = uuidv7();
    await services.router.handle(
      publishedEvent('deal.assigned', alice.orgId, {
        actorId: alice.userId,
        subject: { type: 'Deal', id: deal },
        data: { contactId: contact, title: 'Fleet renewal', before: { ownerId: alice.userId }, after: { ownerId: dave.userId } },
      }),
    );
    // Not routed at all: nothing.
    await services.router.handle(
      publishedEvent('deal.updated', alice.orgId, { actorId: alice.userId, subject: { type: 'Deal', id: deal }, data: { recipients: [dave.userId] } }),
    );

    const listed = (await listOf(dave)).notifications.nodes;
    expect(listed.map((n) => [n.event, n.title, n.body, n.subjectType, n.subjectId])).toEqual([
      ['deal.assigned', 'Deal “Fleet renewal” was assigned to you', 'You own the deal now.', 'Deal', toGlobalId('Deal', deal)],
      ['contact.assigned', 'A contact was assigned to you', 'You own the relationship now.', 'Contact', toGlobalId('Contact', contact)],
      ['automation.notification_requested', 'Automation: Overdue alert', 'The task is overdue.', 'Task', expect.any(String)],
      ['user.mentioned', 'You were mentioned in a comment', 'On a task.', 'Task', toGlobalId('Task', nodeId)],
    ]);
    expect(listed[3]!.actor).toEqual({ id: alice.globalUserId });
    expect(listed[2]!.actor).toBeNull(); // the system
    // The automation (no actor) also notified alice.
    expect((await rowsOf(database.url, alice.userId)).filter((r) => r.event_type === 'automation.notification_requested')).toHaveLength(1);
  });

  it('notifies the user a note newly mentions, about the note', async () => {
    const gina = await newMember();
    const noteId = uuidv7();
    await services.router.handle(
      publishedEvent('note.mentioned', alice.orgId, {
        actorId: alice.userId,
        subject: { type: 'User', id: gina.userId },
        data: { noteId, title: 'Launch plan', excerpt: 'Ask @Gina about the launch' },
      }),
    );
    const listed = (await listOf(gina)).notifications.nodes;
    expect(listed.map((n) => [n.event, n.title, n.body, n.subjectType, n.subjectId])).toEqual([
      ['note.mentioned', 'You were mentioned in “Launch plan”', 'Ask @Gina about the launch', 'Note', toGlobalId('Note', noteId)],
    ]);
  });

  it('tells a document’s owner of status changes made by hand by someone else, of voiding and of expiry, once each', async () => {
    const hana = await newMember();
    const documentId = uuidv7();
    const documentEvent = (type: string, actorId: string | null, data: Record<string, unknown>) =>
      services.router.handle(
        publishedEvent(type, alice.orgId, {
          actorId,
          subject: { type: 'Document', id: documentId },
          data: { title: 'Retainer', ownerId: hana.userId, ...data },
        }),
      );
    await documentEvent('document.status_changed', alice.userId, { from: 'draft', to: 'internal_review', cause: 'manual' });
    // Their own move, and moves other parts announce themselves (approvals, signatures), notify nobody here.
    await documentEvent('document.status_changed', hana.userId, { from: 'internal_review', to: 'sent', cause: 'manual' });
    await documentEvent('document.status_changed', null, { from: 'sent', to: 'signed', cause: 'signature' });
    await documentEvent('document.status_changed', alice.userId, { from: 'signed', to: 'void', cause: 'manual' });
    await documentEvent('document.voided', alice.userId, { from: 'signed', reason: 'Client withdrew' });
    await documentEvent('document.status_changed', null, { from: 'signed', to: 'expired', cause: 'expiry' });
    await documentEvent('document.expired', null, { from: 'signed', expiresAt: '2026-12-01T00:00:00.000Z' });
    const listed = (await listOf(hana)).notifications.nodes;
    expect(listed.map((n) => [n.event, n.title, n.body, n.subjectType, n.subjectId])).toEqual([
      ['document.expired', '“Retainer” expired', 'It was signed; its expiry date passed on Dec 1, 2026.', 'Document', toGlobalId('Document', documentId)],
      ['document.voided', '“Retainer” was voided', 'Reason: “Client withdrew”', 'Document', toGlobalId('Document', documentId)],
      ['document.status_changed', '“Retainer” is now Internal review', 'Draft → Internal review', 'Document', toGlobalId('Document', documentId)],
    ]);
  });

  it('tells an invoice’s creator when its customer views it, when it falls overdue and when it is paid in full, not of its other status changes', async () => {
    const ines = await newMember();
    const invoiceId = uuidv7();
    const summary = { number: 'INV-2026-0007', contactId: uuidv7(), createdBy: ines.userId, currencyCode: 'EUR', total: '119.00', dueDate: '2026-11-30' };
    const invoiceEvent = (type: string, data: Record<string, unknown>) =>
      services.router.handle(publishedEvent(type, alice.orgId, { actorId: null, subject: { type: 'Invoice', id: invoiceId }, data: { ...summary, ...data } }));
    await invoiceEvent('invoice.sent', { from: 'draft', amountDue: '119.00' });
    await invoiceEvent('invoice.viewed', { from: 'sent', amountDue: '119.00' });
    await invoiceEvent('invoice.overdue', { from: 'viewed', amountDue: '119.00' });
    await invoiceEvent('invoice.paid', { from: 'overdue', amountDue: '0.00', amountPaid: '119.00' });
    const listed = (await listOf(ines)).notifications.nodes;
    expect(listed.map((n) => [n.event, n.title, n.body, n.subjectType, n.subjectId])).toEqual([
      ['invoice.paid', 'Invoice INV-2026-0007 was paid', '€119.00 received: paid in full.', 'Invoice', toGlobalId('Invoice', invoiceId)],
      ['invoice.overdue', 'Invoice INV-2026-0007 is overdue', '€119.00 of €119.00 was due on Nov 30, 2026.', 'Invoice', toGlobalId('Invoice', invoiceId)],
      [
        'invoice.viewed',
        'Invoice INV-2026-0007 was viewed',
        'The customer opened it: €119.00 due on Nov 30, 2026.',
        'Invoice',
        toGlobalId('Invoice', invoiceId),
      ],
    ]);
  });

  it('tells a recurring invoice’s creator of each invoice it issued: sent to whom, or why it was not sent', async () => {
    const ivy = await newMember();
    const ruleId = uuidv7();
    const [sentId, draftId] = [uuidv7(), uuidv7()];
    const issued = (invoiceId: string, number: string, data: Record<string, unknown>) =>
      services.router.handle(
        publishedEvent('recurring_invoice.issued', alice.orgId, {
          actorId: null,
          subject: { type: 'RecurringInvoice', id: ruleId },
          data: {
            templateInvoiceId: uuidv7(),
            invoiceId,
            number,
            periodDate: '2026-12-01',
            issueDate: '2026-12-01',
            dueDate: '2026-12-15',
            total: '119.00',
            currencyCode: 'EUR',
            contactId: uuidv7(),
            createdBy: ivy.userId,
            ...data,
          },
        }),
      );
    await issued(sentId, 'INV-2026-0010', { autoSend: true, recipients: ['ada@customer.test', 'ap@customer.test'], deliveryId: uuidv7() });
    await issued(draftId, 'INV-2026-0011', { autoSend: true, sendFailure: 'INVOICE_ZERO_TOTAL' });
    const listed = (await listOf(ivy)).notifications.nodes;
    expect(listed.map((n) => [n.event, n.title, n.body, n.subjectType, n.subjectId])).toEqual([
      [
        'recurring_invoice.issued',
        'Invoice INV-2026-0011 was issued',
        '€119.00, due Dec 15, 2026. It was not sent and stays a draft: its total is zero.',
        'Invoice',
        toGlobalId('Invoice', draftId),
      ],
      [
        'recurring_invoice.issued',
        'Invoice INV-2026-0010 was issued and sent to ada@customer.test, ap@customer.test',
        '€119.00, due Dec 15, 2026.',
        'Invoice',
        toGlobalId('Invoice', sentId),
      ],
    ]);
  });

  it('never notifies the actor, people outside the organization, or anyone from an event of another organization', async () => {
    const erin = await newMember();
    const outsider = await testMember(database.url); // another organization
    await services.router.handle(
      publishedEvent('automation.notification_requested', alice.orgId, {
        actorId: erin.userId,
        data: { automation: 'x', message: 'y', recipients: [erin.userId, outsider.userId, uuidv7(), 'not-a-uuid'] },
      }),
    );
    // An event of the outsider's organization naming erin (not a member there).
    await services.router.handle(publishedEvent('task.assigned', outsider.orgId, { actorId: outsider.userId, data: { after: { assigneeId: erin.userId } } }));
    expect(await rowsOf(database.url, erin.userId)).toEqual([]);
    expect(await rowsOf(database.url, outsider.userId)).toEqual([]);
  });

  it('refuses an event that breaks its producer’s contract, for good and with the reason, and notifies no one', async () => {
    const finn = await newMember();
    const malformed = publishedEvent('task.assigned', alice.orgId, { actorId: alice.userId, data: { after: { assigneeId: 42 } } });
    await expect(services.router.handle(malformed)).rejects.toThrow(
      new MalformedPayloadError(`task.assigned event ${malformed.id}`, [
        { code: 'invalid_type', expected: 'string', path: ['after', 'assigneeId'], message: 'Invalid input: expected string, received number', input: 42 },
      ]),
    );
    const wrongStatus = publishedEvent('task.status_changed', alice.orgId, {
      actorId: alice.userId,
      data: { boardId: null, taskTitle: 'T', recipients: [finn.userId], before: { status: 'todo' }, after: { status: 'finished' } },
    });
    await expect(services.router.handle(wrongStatus)).rejects.toThrow(/^Malformed task\.status_changed event .*: data\.after\.status: /);
    expect(await rowsOf(database.url, finn.userId)).toEqual([]);
  });
});

describe('preferences', () => {
  const PREF = 'preference { event inApp email push muted }';

  it('mute a prefix: nothing at all; a more specific preference wins; deleting restores the default', async () => {
    const frank = await newMember();
    expect((await notifications.mutate(frank.principal, 'notificationPreferenceSet', { event: 'task.*', muted: true }, PREF)).preference).toEqual({
      event: 'task.*',
      inApp: true,
      email: true,
      push: false,
      muted: true,
    });
    const assign = () =>
      services.router.handle(publishedEvent('task.assigned', alice.orgId, { actorId: alice.userId, data: { after: { assigneeId: frank.userId } } }));
    await assign();
    expect(await rowsOf(database.url, frank.userId)).toEqual([]);

    await notifications.mutate(frank.principal, 'notificationPreferenceSet', { event: 'task.assigned', email: false }, PREF);
    await notifications.mutate(frank.principal, 'notificationPreferenceSet', { event: '*', email: true, push: true }, PREF);
    await assign();
    const rows = await rowsOf(database.url, frank.userId);
    expect(rows.map((r) => [r.event_type, r.in_app])).toEqual([['task.assigned', true]]);
    expect(
      await withClient(
        database.url,
        async (c) => (await c.query('SELECT count(*)::int AS n FROM notifications.deliveries WHERE notification_id = $1', [rows[0]!.id])).rows[0].n,
      ),
    ).toBe(0); // in-app only
    await services.router.handle(publishedEvent('task.completed', alice.orgId, { actorId: alice.userId, data: { recipients: [frank.userId] } }));
    expect((await rowsOf(database.url, frank.userId)).length).toBe(1); // task.* still muted

    const listed = await query(frank, '{ notificationPreferences { event inApp email push muted } }');
    expect(listed.data!.notificationPreferences).toEqual([
      { event: '*', inApp: true, email: true, push: true, muted: false },
      { event: 'task.*', inApp: true, email: true, push: false, muted: true },
      { event: 'task.assigned', inApp: true, email: false, push: false, muted: false },
    ]);
    expect((await notifications.mutate(frank.principal, 'notificationPreferenceDelete', { event: 'task.*' }, 'deletedEvent')).deletedEvent).toBe('task.*');
    expect(await notifications.refused(frank.principal, 'notificationPreferenceDelete', { event: 'task.*' })).toEqual(['NOTIFICATION_PREFERENCE_NOT_FOUND']);
    await services.router.handle(publishedEvent('task.completed', alice.orgId, { actorId: alice.userId, data: { recipients: [frank.userId] } }));
    expect((await rowsOf(database.url, frank.userId)).map((r) => r.event_type)).toEqual(['task.assigned', 'task.completed']);
  });

  it('turning in-app off keeps the e-mail but hides the notification; bad patterns are refused', async () => {
    const gina = await newMember();
    await notifications.mutate(gina.principal, 'notificationPreferenceSet', { event: 'deal.assigned', inApp: false }, PREF);
    await services.router.handle(
      publishedEvent('deal.assigned', alice.orgId, {
        actorId: alice.userId,
        subject: { type: 'Deal', id: uuidv7() },
        data: { after: { ownerId: gina.userId } },
      }),
    );
    const [row] = await rowsOf(database.url, gina.userId);
    expect(row).toMatchObject({ event_type: 'deal.assigned', in_app: false });
    expect(await listOf(gina)).toEqual({ notifications: { totalCount: 0, nodes: [] }, notificationUnreadCount: 0 });
    expect(await outboxEvents(database.url, 'notifications', row!.id)).toEqual([]); // nothing to announce live
    for (const event of ['task.', 'Task.assigned', '*.assigned', 'task.**', '']) {
      expect(await notifications.refused(gina.principal, 'notificationPreferenceSet', { event, muted: true })).toEqual(['NOTIFICATION_INVALID_INPUT']);
    }
  });

  it('e-mail frequency defaults to IMMEDIATE and can be changed', async () => {
    const hank = await newMember();
    expect((await query(hank, '{ notificationSettings { emailFrequency } }')).data!.notificationSettings).toEqual({ emailFrequency: 'IMMEDIATE' });
    expect(
      (await notifications.mutate(hank.principal, 'notificationSettingsUpdate', { emailFrequency: 'DAILY' }, 'settings { emailFrequency }')).settings,
    ).toEqual({ emailFrequency: 'DAILY' });
    expect((await query(hank, '{ notificationSettings { emailFrequency } }')).data!.notificationSettings).toEqual({ emailFrequency: 'DAILY' });
  });
});

describe('reading', () => {
  it('lists latest first with cursors, counts unread, marks some and all read', async () => {
    const ivy = await newMember();
    for (const n of [1, 2, 3]) {
      await services.router.handle(
        publishedEvent('automation.notification_requested', alice.orgId, {
          data: { automation: `Rule ${n}`, message: `Message ${n}`, recipients: [ivy.userId] },
        }),
      );
    }
    const first = await query(ivy, '{ notifications(first: 2) { nodes { id title } pageInfo { hasNextPage endCursor } } }');
    expect(first.data!.notifications.nodes.map((n: { title: string }) => n.title)).toEqual(['Automation: Rule 3', 'Automation: Rule 2']);
    const rest = await query(ivy, 'query($after: String) { notifications(first: 2, after: $after) { nodes { id title } pageInfo { hasNextPage } } }', {
      after: first.data!.notifications.pageInfo.endCursor,
    });
    expect(rest.data!.notifications).toEqual({ nodes: [{ id: expect.any(String), title: 'Automation: Rule 1' }], pageInfo: { hasNextPage: false } });
    const [newest, middle] = first.data!.notifications.nodes as { id: string }[];

    const marked = await notifications.mutate(ivy.principal, 'notificationMarkRead', { ids: [middle!.id] }, 'notifications { id readAt } unreadCount');
    expect(marked).toMatchObject({ notifications: [{ id: middle!.id, readAt: expect.any(String) }], unreadCount: 2 });
    const unread = await query(ivy, '{ notifications(unreadOnly: true) { nodes { id } } notificationUnreadCount }');
    expect(unread.data).toEqual({ notifications: { nodes: [{ id: newest!.id }, { id: rest.data!.notifications.nodes[0].id }] }, notificationUnreadCount: 2 });

    const all = await query(ivy, 'mutation { notificationMarkAllRead { markedCount userErrors { code } } }');
    expect(all.data!.notificationMarkAllRead).toEqual({ markedCount: 2, userErrors: [] });
    expect((await listOf(ivy)).notificationUnreadCount).toBe(0);
    expect((await query(ivy, 'mutation { notificationMarkAllRead { markedCount } }')).data!.notificationMarkAllRead.markedCount).toBe(0);
  });

  it('refuses to mark another user’s notification (as not found) and writes nothing', async () => {
    const jack = await newMember();
    const kate = await newMember();
    await services.router.handle(
      publishedEvent('automation.notification_requested', alice.orgId, { data: { automation: 'A', message: 'B', recipients: [jack.userId, kate.userId] } }),
    );
    const [jacks] = (await listOf(jack)).notifications.nodes;
    const [kates] = (await listOf(kate)).notifications.nodes;
    const refused = await query(
      kate,
      'mutation($input: NotificationMarkReadInput!) { notificationMarkRead(input: $input) { notifications { id } userErrors { code field } } }',
      {
        input: { ids: [kates!.id, jacks!.id, toGlobalId('Task', uuidv7())] },
      },
    );
    expect(refused.data!.notificationMarkRead).toEqual({
      notifications: null,
      userErrors: [
        { code: 'NOTIFICATION_NOT_FOUND', field: ['input', 'ids', '1'] },
        { code: 'NOTIFICATION_NOT_FOUND', field: ['input', 'ids', '2'] },
      ],
    });
    expect((await listOf(kate)).notificationUnreadCount).toBe(1); // her own was not marked either
    expect((await listOf(jack)).notificationUnreadCount).toBe(1);
  });
});

describe('tenancy and references', () => {
  it('resolves a user’s own notification through _entities, another’s as FORBIDDEN, another organization’s as nothing', async () => {
    const liam = await newMember();
    const mia = await newMember();
    const stranger = await testMember(database.url, 'owner');
    await services.router.handle(
      publishedEvent('automation.notification_requested', alice.orgId, { data: { automation: 'Ref', message: 'M', recipients: [liam.userId] } }),
    );
    const [mine] = (await listOf(liam)).notifications.nodes;
    const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Notification { id title } } }';
    const representations = { r: [{ __typename: 'Notification', id: mine!.id }] };
    expect((await query(liam, ENTITIES, representations)).data!._entities).toEqual([{ id: mine!.id, title: 'Automation: Ref' }]);
    const other = await query(mia, ENTITIES, representations);
    expect(other.data!._entities).toEqual([null]);
    expect(other.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN']);
    const foreign = await query(stranger, ENTITIES, representations);
    expect(foreign.data!._entities).toEqual([null]);
    expect(foreign.errors).toBeUndefined();
    expect(await listOf(stranger)).toEqual({ notifications: { totalCount: 0, nodes: [] }, notificationUnreadCount: 0 });
  });

  it('answers anonymous callers with UNAUTHENTICATED', async () => {
    const result = await harness.request('notifications', '{ notificationUnreadCount }');
    expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});

describe('notificationReceived (driven by the gateway)', () => {
  const SUBSCRIPTION = 'subscription { notificationReceived { id event title } }';
  const live = async (who: TestMember, event: PublishedEvent | null) => {
    const body = JSON.stringify({ query: SUBSCRIPTION, ...(event ? { extensions: { [LIVE_EVENT_EXTENSION]: event } } : {}) });
    const signature = await harness.signer.sign({ requestId: 'live-test', principal: who.principal }, 'notifications', body);
    return harness.post('notifications', body, { [INTERNAL_CONTEXT_HEADER]: signature });
  };

  it('answers the recipient with the notification a live event announces, anyone else with null', async () => {
    const noah = await newMember();
    const olga = await newMember();
    await services.router.handle(
      publishedEvent('automation.notification_requested', alice.orgId, { data: { automation: 'Live', message: 'now', recipients: [noah.userId] } }),
    );
    const [row] = await rowsOf(database.url, noah.userId);
    const [announced] = await withClient(
      database.url,
      async (c) => (await c.query('SELECT id, type, org_id, actor_id, data, occurred_at FROM notifications.outbox WHERE subject_id = $1', [row!.id])).rows,
    );
    const event: PublishedEvent = {
      id: announced.id,
      type: announced.type,
      orgId: announced.org_id,
      actorId: null,
      subject: { type: 'Notification', id: row!.id },
      data: announced.data,
      requestId: null,
      occurredAt: announced.occurred_at.toISOString(),
    };
    expect((await live(noah, event)).data).toEqual({
      notificationReceived: { id: toGlobalId('Notification', row!.id), event: 'automation.notification_requested', title: 'Automation: Live' },
    });
    expect((await live(olga, event)).data).toEqual({ notificationReceived: null });
    expect((await live(noah, { ...event, type: 'notification.read' })).data).toEqual({ notificationReceived: null });
    expect((await live(noah, { ...event, orgId: uuidv7() })).data).toEqual({ notificationReceived: null });
    const direct = await live(noah, null);
    expect(direct.errors![0]!.extensions!.code).toBe('SUBSCRIPTION_REQUIRES_GATEWAY');
  });
});
