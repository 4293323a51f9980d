import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { waitForEmail, type TestUser } from '../../scripts/testing/cell-harness.js';
import { launchChromium, newPage, signIn, startAppCell, type AppCell } from './browser-harness.js';

/**
 * The notes journey in a real Chromium against the `all` cell (persisted documents enforced): a
 * note written with the rich-text editor and an @mention, edited and autosaved, an earlier
 * revision restored, shared with one colleague, and a note written from a contact's profile; then
 * live updates across browsers (a colleague's page follows the author's edits and the deletion, the
 * author's other browser is asked before its unsaved edits could overwrite anything) and a task
 * attached from the note's page.
 */
describe('notes in the web app', () => {
  let cell: AppCell;
  let browser: Browser;
  let owner: TestUser;
  let member: { token: string; name: string; email: string; password: string };

  beforeAll(async () => {
    [cell, browser] = await Promise.all([startAppCell(), launchChromium()]);
    owner = await cell.signUp('Olive Owner');
    member = await addMember('Bea Member');
  });
  afterAll(async () => {
    await browser?.close();
    await cell?.stop();
  });

  /** Invites someone to the owner's organization and accepts through the API (the invitation journey is the app's other test). */
  async function addMember(name: string): Promise<{ token: string; name: string; email: string; password: string }> {
    const email = `member-${Date.now()}@example.test`;
    const invited = await cell.gql(
      'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code message } } }',
      { input: { email, role: 'MEMBER' } },
      owner.token,
    );
    expect(invited.errors).toBeUndefined();
    const mail = await waitForEmail(cell, email, { timeoutMs: 30_000 });
    const accepted = await cell.gql<{ invitationAccept: { session: { accessToken: string } | null } }>(
      'mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken } userErrors { code message } } }',
      { input: { token: mail.token, name, password: 'Member-Person-42!' } },
    );
    expect(accepted.errors).toBeUndefined();
    return { token: accepted.data!.invitationAccept.session!.accessToken, name, email, password: 'Member-Person-42!' };
  }

  /**
   * Waits for `locator` on a page whose clock is paused, letting the page's own short timers (the
   * app's scheduling) run by advancing its clock a few milliseconds at a time, never as far as the
   * autosave's quiet time: the unsaved edits stay unsaved.
   */
  let ticked = 0;
  async function tickUntil(page: Page, locator: Locator): Promise<void> {
    while (!(await locator.isVisible())) {
      expect(ticked, 'the paused clock would reach the autosave delay').toBeLessThan(600);
      await page.clock.runFor(4);
      ticked += 4;
      await locator.waitFor({ timeout: 100 }).catch(() => undefined);
    }
  }

  const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
  const revisionsPanel = (page: Page) => page.getByRole('region', { name: 'Revisions' });

  it('writes a note with a mention, edits it, restores a revision and shares it with one colleague', async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, cell.appUrl, owner.email, owner.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notes' }).click();
    await page.getByRole('button', { name: 'New note' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Launch notes');
    const body = dialog.getByRole('textbox', { name: 'New note body' });
    await body.click();
    await page.keyboard.type('Ask @Bea');
    await page.getByRole('listbox', { name: 'People to mention' }).getByRole('option', { name: 'Bea Member' }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type('for the budget.');
    await dialog.getByRole('button', { name: 'Create note' }).click();

    // The note's page: the mention is a mention node, and the note is at its first revision.
    const editor = page.getByRole('textbox', { name: 'Note body' });
    await editor.locator('.mention', { hasText: '@Bea Member' }).waitFor();
    await revisionsPanel(page).getByRole('button', { name: 'View revision 1' }).waitFor();

    // Edit: typing is saved a moment later as revision 2.
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Draft figures by Friday.');
    await saved(page);
    await revisionsPanel(page).getByRole('button', { name: 'View revision 2' }).waitFor();

    // Restore revision 1: its text comes back, as a new revision 3.
    await revisionsPanel(page).getByRole('button', { name: 'View revision 1' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore this revision' }).click();
    await revisionsPanel(page).getByRole('button', { name: 'View revision 3' }).waitFor();
    await expect.poll(() => editor.innerText()).not.toContain('Draft figures');
    expect(await editor.innerText()).toContain('Ask @Bea Member for the budget.');

    // Share with Bea only: she can now read it through the API.
    const noteId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const asMember = () => cell.gql<{ note: { title: string } | null }>('query($id: ID!) { note(id: $id) { title } }', { id: noteId }, member.token);
    expect((await asMember()).data?.note ?? null).toBeNull();
    await page.getByRole('button', { name: 'Share' }).click();
    const share = page.getByRole('dialog', { name: 'Share note' });
    await share.getByLabel('Specific people').check();
    await share.getByLabel('Bea Member').check();
    await share.getByRole('button', { name: 'Save sharing' }).click();
    await page.getByText('Specific people (Bea Member)').waitFor();
    expect((await asMember()).data?.note?.title).toBe('Launch notes');

    // The list shows it, and finds it by its text.
    await page.getByRole('link', { name: 'Notes', exact: true }).first().click();
    await page.getByRole('searchbox', { name: 'Search notes' }).fill('budget');
    await page.getByRole('list', { name: 'Notes' }).getByRole('link', { name: 'Launch notes' }).waitFor();
    expect(problems.join('\n')).toBe('');
    await context.close();
  });

  it("writes a note about a contact from the contact's profile, where its Notes widget lists it", async () => {
    const created = await cell.gql<{ contactCreate: { contact: { id: string } } }>(
      'mutation($input: ContactCreateInput!) { contactCreate(input: $input) { contact { id } userErrors { code message } } }',
      { input: { firstName: 'Ada', lastName: 'Lovelace' } },
      owner.token,
    );
    expect(created.errors).toBeUndefined();
    const contactId = created.data!.contactCreate.contact.id;
    const { context, page, problems } = await newPage(browser);
    await signIn(page, cell.appUrl, owner.email, owner.password);
    await page.goto(`${cell.appUrl}/crm/contacts/${encodeURIComponent(contactId)}`);
    const widget = page.getByRole('region', { name: 'Notes' });
    await widget.getByText('No notes about this yet.').waitFor();
    await widget.getByRole('button', { name: 'Add a note' }).click();
    await widget.getByLabel('Title').fill('Call with Ada');
    await widget.getByRole('textbox', { name: 'New note body' }).click();
    await page.keyboard.type('She wants the proposal by Monday.');
    await widget.getByRole('button', { name: 'Add note' }).click();
    await widget.getByRole('list', { name: 'Notes about this' }).getByRole('link', { name: 'Call with Ada' }).waitFor();

    await page.reload();
    await page.getByRole('region', { name: 'Notes' }).getByRole('link', { name: 'Call with Ada' }).click();
    // The note's page links back to the contact it is about, and shows the body it was written with.
    await page.getByRole('region', { name: 'About' }).getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Note body' }).innerText()).toContain('She wants the proposal by Monday.');
    expect(problems.join('\n')).toBe('');
    await context.close();
  });

  it("follows the author's changes live in a colleague's browser, asks before unsaved edits meet a newer version, and attaches a task from the note page", async () => {
    const paragraph = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    const task = await cell.gql<{ taskCreate: { task: { id: string } } }>(
      'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } userErrors { code message } } }',
      { input: { title: 'Prepare the offsite' } },
      owner.token,
    );
    expect(task.errors).toBeUndefined();
    const created = await cell.gql<{ noteCreate: { note: { id: string } } }>(
      'mutation($input: NoteCreateInput!) { noteCreate(input: $input) { note { id } userErrors { code message } } }',
      { input: { title: 'Offsite plan', body: paragraph('Venue: TBD.'), visibility: 'ORGANIZATION' } },
      owner.token,
    );
    expect(created.errors).toBeUndefined();
    const noteId = created.data!.noteCreate.note.id;
    const noteUrl = `${cell.appUrl}/notes/${encodeURIComponent(noteId)}`;
    const noteText = async () =>
      (await cell.gql<{ note: { text: string } }>('query($id: ID!) { note(id: $id) { text } }', { id: noteId }, owner.token)).data!.note.text;

    // The author (Olive) and a colleague (Bea, who reads organization notes but may not edit them), each in their own browser.
    const author = await newPage(browser);
    await signIn(author.page, cell.appUrl, owner.email, owner.password);
    await author.page.goto(noteUrl);
    const authorEditor = author.page.getByRole('textbox', { name: 'Note body' });
    await authorEditor.getByText('Venue: TBD.').waitFor();
    const colleague = await newPage(browser);
    await signIn(colleague.page, cell.appUrl, member.email, member.password);
    await colleague.page.goto(noteUrl);
    const colleagueNote = colleague.page.getByRole('article', { name: /^Note / });
    await colleagueNote.getByText('Venue: TBD.').waitFor();

    // The author types and renames: the colleague's page follows without reloading.
    await authorEditor.click();
    await author.page.keyboard.press('Control+End');
    await author.page.keyboard.type(' Booked the lake house.');
    await colleagueNote.getByText('Venue: TBD. Booked the lake house.').waitFor();
    await author.page.getByLabel('Title').fill('Offsite plan (final)');
    await colleagueNote.getByRole('heading', { name: 'Offsite plan (final)', exact: true }).waitFor();
    await colleagueNote.getByText(/· revision 3 ·/).waitFor();

    // The author's other browser has unsaved edits (its clock is paused, so its autosave waits) when
    // the first browser saves: it is told at once, nothing is saved over the newer version, and
    // "Show their version" loads it.
    const second = await newPage(browser);
    await second.page.clock.install();
    await signIn(second.page, cell.appUrl, owner.email, owner.password);
    await second.page.goto(noteUrl);
    const secondEditor = second.page.getByRole('textbox', { name: 'Note body' });
    await secondEditor.getByText('Booked the lake house.', { exact: false }).waitFor();
    await second.page.clock.pauseAt(Date.now() + 1_000);
    await secondEditor.click();
    await second.page.keyboard.press('Control+End');
    await second.page.keyboard.type(' Bring boots.');
    await tickUntil(second.page, second.page.getByRole('status').filter({ hasText: 'Unsaved changes…' }));

    await authorEditor.click();
    await author.page.keyboard.press('Control+End');
    await author.page.keyboard.type(' Bus at nine.');
    await colleagueNote.getByText('Venue: TBD. Booked the lake house. Bus at nine.').waitFor();
    const prompt = second.page.getByRole('alert').filter({ hasText: 'Olive Owner saved a newer version (revision 4) while you were editing.' });
    await tickUntil(second.page, prompt);
    await tickUntil(second.page, second.page.getByRole('status').filter({ hasText: 'Not saved: changed elsewhere' }));
    expect(await noteText()).toBe('Venue: TBD. Booked the lake house. Bus at nine.');
    await prompt.getByRole('button', { name: 'Show their version' }).click();
    await tickUntil(second.page, secondEditor.getByText('Venue: TBD. Booked the lake house. Bus at nine.'));
    expect(await secondEditor.innerText()).not.toContain('Bring boots');
    await tickUntil(second.page, second.page.getByRole('status').filter({ hasText: 'All changes saved' }));
    await second.page.clock.resume();
    expect(await noteText()).toBe('Venue: TBD. Booked the lake house. Bus at nine.');

    // Attach the task from the note's page: a link to the task, live on the colleague's page too,
    // and the task's Notes widget lists the note.
    const about = author.page.getByRole('region', { name: 'About' });
    await about.getByLabel('Find an object to attach').fill('offsite');
    await about.getByRole('button', { name: 'Attach Task Prepare the offsite' }).click();
    const taskLink = about.getByRole('link', { name: 'Prepare the offsite' });
    await taskLink.waitFor();
    await colleague.page.getByRole('region', { name: 'About' }).getByRole('link', { name: 'Prepare the offsite' }).waitFor();
    const taskId = task.data!.taskCreate.task.id;
    expect(await taskLink.getAttribute('href')).toBe(`/tasks/${taskId}`);
    // The task's page (in the author's second browser) lists the note in its Notes widget.
    await second.page.goto(`${cell.appUrl}/tasks/${encodeURIComponent(taskId)}`);
    await second.page.getByRole('heading', { name: 'Prepare the offsite' }).waitFor();
    await second.page.getByRole('region', { name: 'Notes' }).getByRole('link', { name: 'Offsite plan (final)' }).waitFor();

    // The author moves it to the trash: the colleague's page says so.
    await author.page.getByRole('button', { name: 'Move to trash' }).click();
    await colleague.page.getByText('Olive Owner moved this note to the trash while you were reading it.').waitFor();

    expect([...author.problems, ...colleague.problems, ...second.problems].join('\n')).toBe('');
    await Promise.all([author.context.close(), colleague.context.close(), second.context.close()]);
  });
});
