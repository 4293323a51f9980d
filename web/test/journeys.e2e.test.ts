import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { waitForEmail, type TestUser } from '../../scripts/testing/cell-harness.js';
import { launchChromium, newPage, signIn, startAppCell, type AppCell } from './browser-harness.js';

/**
 * The app's main journeys in a real Chromium against a real cell (the `all` cell, persisted
 * documents enforced as in production): each step goes through the pages a person uses.
 */
describe('web app journeys', () => {
  let cell: AppCell;
  let browser: Browser;
  let owner: TestUser;

  beforeAll(async () => {
    [cell, browser] = await Promise.all([startAppCell(), launchChromium()]);
    owner = await cell.signUp('Olive Owner');
  });
  afterAll(async () => {
    await browser?.close();
    await cell?.stop();
  });

  async function createBoard(page: Page, name: string): Promise<string> {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
    await page.getByRole('button', { name: 'New board' }).first().click();
    await page.getByRole('dialog').getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Create board' }).click();
    await page.getByRole('heading', { name }).waitFor();
    return page.url();
  }

  async function addTask(page: Page, column: string, title: string): Promise<void> {
    // The column's form stays open after an add, for the next one.
    const field = page.getByLabel(`New task in ${column}`);
    if (!(await field.isVisible())) await page.getByRole('button', { name: `+ Add a task to ${column}` }).click();
    await field.fill(title);
    await field.press('Enter');
    await cardsIn(page, column).getByRole('article', { name: title }).waitFor();
  }

  const cardsIn = (page: Page, column: string) => page.getByRole('list', { name: `Tasks in ${column}` });
  const titlesIn = async (page: Page, column: string) =>
    cardsIn(page, column)
      .getByRole('article')
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('aria-label')));

  it('signs in, creates a board and moves a card by keyboard drag; after a reload the order holds', async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, cell.appUrl, owner.email, owner.password);
    const boardUrl = await createBoard(page, 'Launch plan');
    await addTask(page, 'To do', 'Write the brief');
    await addTask(page, 'To do', 'Book the venue');
    await addTask(page, 'In progress', 'Draft the budget');

    // dnd-kit's keyboard sensor: Space picks the card up, arrows move it, Space drops it; each step
    // is announced in its live region, which the test waits for as a screen-reader user would hear it.
    const announced = () => page.locator('[id^="DndLiveRegion"]').innerText();
    await page.getByRole('button', { name: 'Move task Book the venue' }).focus();
    await page.keyboard.press('Space');
    await expect.poll(announced).toContain('Book the venue is now in column To do');
    await page.keyboard.press('ArrowRight');
    await expect.poll(announced).toContain('Book the venue is now in column In progress');
    await page.keyboard.press('Space');
    await expect.poll(() => titlesIn(page, 'In progress')).toContain('Book the venue');
    await expect.poll(() => titlesIn(page, 'To do')).toEqual(['Write the brief']);
    const inProgress = await titlesIn(page, 'In progress');

    await page.goto(boardUrl);
    await cardsIn(page, 'In progress').getByRole('article', { name: 'Book the venue' }).waitFor();
    expect(await titlesIn(page, 'In progress')).toEqual(inProgress);
    expect(await titlesIn(page, 'To do')).toEqual(['Write the brief']);
    expect(problems.join('\n')).toBe('');
    await context.close();
  });

  it("shows another browser's change live, without a reload", async () => {
    const first = await newPage(browser);
    const second = await newPage(browser);
    await signIn(first.page, cell.appUrl, owner.email, owner.password);
    const boardUrl = await createBoard(first.page, 'Shared board');
    await signIn(second.page, cell.appUrl, owner.email, owner.password);
    await second.page.goto(boardUrl);
    await second.page.getByRole('list', { name: 'Tasks in To do' }).waitFor();

    await addTask(first.page, 'To do', 'Seen from afar');
    await cardsIn(second.page, 'To do').getByRole('article', { name: 'Seen from afar' }).waitFor();

    await first.page.getByRole('button', { name: 'Actions for Seen from afar' }).click();
    await first.page.getByRole('button', { name: 'Move to Done' }).click();
    await cardsIn(second.page, 'Done').getByRole('article', { name: 'Seen from afar' }).waitFor();
    expect(await titlesIn(second.page, 'To do')).toEqual([]);
    expect([...first.problems, ...second.problems].join('\n')).toBe('');
    await first.context.close();
    await second.context.close();
  });

  it('opens a task with a long comment thread: the newest comments, earlier ones and more replies on demand, and its notes', async () => {
    const gql = async <T>(query: string, input: Record<string, unknown>) => {
      const result = await cell.gql<T>(query, { input }, owner.token);
      expect(result.errors).toBeUndefined();
      return result.data!;
    };
    const comment = (input: Record<string, unknown>) =>
      gql<{ commentCreate: { comment: { id: string } } }>(
        'mutation($input: CommentCreateInput!) { commentCreate(input: $input) { comment { id } userErrors { code message } } }',
        input,
      ).then((data) => data.commentCreate.comment.id);
    const taskId = (
      await gql<{ taskCreate: { task: { id: string } } }>(
        'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } userErrors { code message } } }',
        { title: 'Plan the launch' },
      )
    ).taskCreate.task.id;
    // 32 comments (the page shows the newest 30), the newest with 22 replies (the first 20 come with it).
    let newest = '';
    for (let n = 1; n <= 32; n += 1) newest = await comment({ nodeId: taskId, body: `Comment number ${n}` });
    for (let n = 1; n <= 22; n += 1) await comment({ nodeId: taskId, parentId: newest, body: `Reply number ${n}` });

    const { context, page, problems } = await newPage(browser);
    await signIn(page, cell.appUrl, owner.email, owner.password);
    await page.goto(`${cell.appUrl}/tasks/${encodeURIComponent(taskId)}`);
    await page.getByRole('heading', { name: 'Plan the launch' }).waitFor();
    const thread = page.getByRole('region', { name: 'Comments (32)' });
    await thread.getByText('Comment number 32', { exact: true }).waitFor();
    await thread.getByText('Reply number 20', { exact: true }).waitFor();
    expect(await thread.getByText('Comment number 2', { exact: true }).count()).toBe(0);
    expect(await thread.getByText('Reply number 21', { exact: true }).count()).toBe(0);

    await thread.getByRole('button', { name: 'Earlier comments (2)' }).click();
    await thread.getByText('Comment number 1', { exact: true }).waitFor();
    await thread.getByRole('button', { name: 'More replies (2)' }).click();
    await thread.getByText('Reply number 22', { exact: true }).waitFor();
    // The page stays the task's (no sub-query may replace it), with the notes widget of the notes module.
    await page.getByRole('region', { name: 'Notes' }).getByText('No notes about this yet.').waitFor();
    await page.getByRole('region', { name: 'Activity' }).waitFor();
    await page.getByRole('heading', { name: 'Plan the launch' }).waitFor();
    expect(problems.join('\n')).toBe('');
    await context.close();
  });

  it("creates a contact and, from the contact's profile, a task linked to it", async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, cell.appUrl, owner.email, owner.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('button', { name: 'New contact' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('First name').fill('Ada');
    await dialog.getByLabel('Last name').fill('Lovelace');
    await dialog.getByRole('button', { name: 'Create contact' }).click();
    await page.getByRole('heading', { name: /Ada Lovelace/ }).waitFor();

    await page.getByRole('button', { name: 'New task for this contact' }).click();
    await page.getByRole('dialog').getByLabel('Title').fill('Send Ada the proposal');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Create/ })
      .click();
    await page.getByRole('region', { name: 'Tasks' }).getByRole('link', { name: 'Send Ada the proposal' }).waitFor();

    await page.reload();
    await page.getByRole('region', { name: 'Tasks' }).getByRole('link', { name: 'Send Ada the proposal' }).waitFor();
    expect(problems.join('\n')).toBe('');
    await context.close();
  });

  it('accepts an invitation from its e-mail link, and the badge rises when a task is assigned', async () => {
    const email = `invitee-${Date.now()}@example.test`;
    const invited = await cell.gql<{ invitationCreate: { userErrors: unknown[] } }>(
      'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code message } } }',
      { input: { email, role: 'MEMBER' } },
      owner.token,
    );
    expect(invited.errors).toBeUndefined();
    expect(invited.data?.invitationCreate.userErrors).toEqual([]);
    const mail = await waitForEmail(cell, email, { timeoutMs: 30_000 });
    const link = /https?:\/\/\S+\/invitations\/accept\?token=\S+/.exec(mail.text)?.[0];
    expect(link, 'the e-mail links to the app').toBeDefined();
    expect(new URL(link!).port).toBe(new URL(cell.gatewayUrl).port);

    const { context, page, problems } = await newPage(browser);
    await page.goto(link!.replace('127.0.0.1', 'localhost'));
    await page.getByLabel('Your name').fill('Ivy Invitee');
    await page.getByLabel('Password').fill('Invited-Person-42!');
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('button', { name: 'Notifications, 0 unread' }).waitFor();

    const members = await cell.gql<{ organization: { members: { nodes: { user: { id: string; email: string } }[] } } }>(
      '{ organization { members(first: 10) { nodes { user { id email } } } } }',
      {},
      owner.token,
    );
    const invitee = members.data!.organization.members.nodes.find((member) => member.user.email === email)!.user;
    const assigned = await cell.gql(
      'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { userErrors { code message } } }',
      { input: { title: 'Review the contract', assigneeId: invitee.id } },
      owner.token,
    );
    expect(assigned.errors).toBeUndefined();
    await page.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
    expect(problems.join('\n')).toBe('');
    await context.close();
  });
});
