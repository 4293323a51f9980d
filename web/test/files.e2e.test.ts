import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../scripts/testing/cell-harness.js';
import { launchChromium, newPage, signIn, startAppCell, type AppCell } from './browser-harness.js';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/**
 * Files in a real Chromium against the `all` cell (persisted documents enforced): a file uploaded
 * from a task's Attachments widget straight to the local S3 server (a cross-origin PUT: its CORS
 * preflight and the page's CSP both have to let it through), listed, downloaded byte for byte,
 * renamed, refused for its type, moved to the trash; folders on the Files page (a sub-folder, an
 * upload into it, a file moved up and seen live by a second browser, a cycle refused in words, the
 * trash); and an avatar uploaded in Settings and shown in the top bar.
 */
describe('files in the web app', () => {
  let cell: AppCell;
  let browser: Browser;
  let owner: TestUser;

  beforeAll(async () => {
    [cell, browser] = await Promise.all([startAppCell(), launchChromium()]);
    owner = await cell.signUp('Fay Files');
  });
  afterAll(async () => {
    await browser?.close();
    await cell?.stop();
  });

  it("uploads a file on a task's page, lists it, downloads it, renames it and moves it to the trash", async () => {
    const created = await cell.gql<{ taskCreate: { task: { id: string } } }>(
      'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } userErrors { code message } } }',
      { input: { title: 'Plan the offsite' } },
      owner.token,
    );
    expect(created.errors).toBeUndefined();
    const taskId = created.data!.taskCreate.task.id;

    const { context, page, problems } = await newPage(browser);
    await signIn(page, cell.appUrl, owner.email, owner.password);
    await page.goto(`${cell.appUrl}/tasks/${encodeURIComponent(taskId)}`);
    await page.getByRole('heading', { name: 'Plan the offsite' }).waitFor();
    const widget = page.getByRole('region', { name: 'Attachments' });
    await widget.getByText('No files attached yet.').waitFor();

    const content = Buffer.from(`Agenda for the offsite\n${'— day one, day two —\n'.repeat(200)}`, 'utf8');
    await widget.getByLabel('Attach files').setInputFiles({ name: 'agenda.txt', mimeType: 'text/plain', buffer: content });
    await widget.getByRole('status').filter({ hasText: 'Uploaded agenda.txt.' }).waitFor();
    const list = widget.getByRole('list', { name: 'Attached files' });
    const link = list.getByRole('link', { name: 'agenda.txt' });
    await link.waitFor();
    await list.getByText('Fay Files').waitFor();
    await list.getByText(/\d(\.\d)? KB/).waitFor();

    // The link is a presigned GET of the store: the same bytes, as an attachment under its name.
    const download = await fetch((await link.getAttribute('href'))!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('filename="agenda.txt"');
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);

    // A type the cell does not accept is refused before any byte is sent, in words.
    await widget.getByLabel('Attach files').setInputFiles({ name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    await widget.getByRole('alert').filter({ hasText: 'tool.exe: Files of type application/x-msdownload are not accepted here' }).waitFor();

    await list.getByRole('button', { name: 'Rename agenda.txt' }).click();
    await list.getByLabel('New name for agenda.txt').fill('offsite agenda.txt');
    await list.getByRole('button', { name: 'Save' }).click();
    await list.getByRole('link', { name: 'offsite agenda.txt' }).waitFor();

    await list.getByRole('button', { name: 'Move offsite agenda.txt to the trash' }).click();
    await widget.getByText('No files attached yet.').waitFor();
    const trashed = await cell.gql<{ node: { files: { totalCount: number } } }>(
      'query($id: ID!) { node(id: $id) { files { totalCount } } }',
      { id: taskId },
      owner.token,
    );
    expect(trashed.data?.node.files.totalCount).toBe(0);

    expect(problems.join('\n')).toBe('');
    await context.close();
  });

  it('keeps files in folders: creates, uploads into a sub-folder, moves a file up (live in another browser), refuses a cycle, trashes', async () => {
    const first = await newPage(browser);
    const page = first.page;
    await signIn(page, cell.appUrl, owner.email, owner.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Files', exact: true }).click();
    await page.getByRole('heading', { name: 'Files', exact: true }).waitFor();
    await page.getByText('No folders or files yet').waitFor();

    // A folder at the top level, then one inside it: each opens once created.
    await page.getByRole('button', { name: 'New folder' }).click();
    await page.getByRole('dialog', { name: 'New folder' }).getByLabel('Folder name').fill('Projects');
    await page.getByRole('dialog', { name: 'New folder' }).getByRole('button', { name: 'Create folder' }).click();
    await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
    await page.getByText('This folder is empty').waitFor();
    const projectsUrl = page.url();
    const projectsId = decodeURIComponent(projectsUrl.split('/files/folders/')[1]!);

    await page.getByRole('button', { name: 'New folder' }).click();
    await page.getByRole('dialog', { name: 'New folder' }).getByLabel('Folder name').fill('Q3');
    await page.getByRole('dialog', { name: 'New folder' }).getByRole('button', { name: 'Create folder' }).click();
    await page.getByRole('heading', { name: 'Q3' }).waitFor();
    const path = page.getByRole('navigation', { name: 'Folder path' });
    await path.getByRole('link', { name: 'Projects' }).waitFor();
    await path.getByRole('link', { name: 'Files', exact: true }).waitFor();

    // Uploaded into the sub-folder (the bytes straight to the store).
    const content = Buffer.from('Q3 report\n'.repeat(50), 'utf8');
    await page.getByLabel('Upload files').setInputFiles({ name: 'report.txt', mimeType: 'text/plain', buffer: content });
    await page.getByRole('status').filter({ hasText: 'Uploaded report.txt.' }).waitFor();
    const files = page.getByRole('list', { name: 'Files', exact: true });
    await files.getByRole('link', { name: 'report.txt' }).waitFor();
    await files.getByText('Fay Files').waitFor();

    // Another browser of the same person watches the parent folder.
    const second = await newPage(browser);
    await signIn(second.page, cell.appUrl, owner.email, owner.password);
    await second.page.goto(projectsUrl);
    await second.page.getByRole('list', { name: 'Folders' }).getByRole('link', { name: 'Q3' }).waitFor();
    await expect(second.page.getByRole('list', { name: 'Files', exact: true }).count()).resolves.toBe(0);

    // The file moves up to Projects, picked in the folder picker; the other browser sees it arrive.
    await files.getByRole('button', { name: 'Move report.txt', exact: true }).click();
    const moving = page.getByRole('dialog', { name: 'Move “report.txt”' });
    await moving.getByRole('button', { name: 'Open Projects' }).click();
    await moving.getByRole('button', { name: 'Move to Projects' }).click();
    await page.getByText('This folder is empty').waitFor();
    await second.page.getByRole('list', { name: 'Files', exact: true }).getByRole('link', { name: 'report.txt' }).waitFor();

    // A folder cannot go into its own sub-folder: the picker offers it, the server says no, in words.
    await path.getByRole('link', { name: 'Files', exact: true }).click();
    await page.getByRole('heading', { name: 'Files', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Move folder Projects', exact: true }).click();
    const cycle = page.getByRole('dialog', { name: 'Move “Projects”' });
    await cycle.getByRole('button', { name: 'Open Projects' }).click();
    await cycle.getByRole('button', { name: 'Open Q3' }).click();
    await cycle.getByRole('button', { name: 'Move to Q3' }).click();
    await cycle.getByRole('alert').filter({ hasText: 'A folder cannot be moved into itself or into a folder inside it.' }).waitFor();
    await page.keyboard.press('Escape');
    await cycle.waitFor({ state: 'detached' });

    // To the trash with what is in it, after a confirmation that says so.
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Move folder Projects to the trash' }).click();
    await page.getByText('No folders or files yet').waitFor();
    expect(asked).toContain('with the folders and files in it');
    // The other browser, on the trashed folder's page, is told in place.
    await second.page.getByText('This folder is not here').waitFor();
    const gone = await cell.gql<{ folder: unknown }>('query($id: ID!) { folder(id: $id) { id } }', { id: projectsId }, owner.token);
    expect(gone.data?.folder).toBeNull();

    expect([...first.problems, ...second.problems].join('\n')).toBe('');
    await second.context.close();
    await first.context.close();
  });

  it('uploads an avatar in Settings and shows it in the top bar', async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, cell.appUrl, owner.email, owner.password);
    const account = page.getByRole('button', { name: 'Account: Fay Files' });
    await account.getByText('FF').waitFor();

    await page.goto(`${cell.appUrl}/settings/avatar`);
    await page.getByText('You have no avatar yet.').waitFor();
    await page.getByLabel('Avatar image').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('status').filter({ hasText: 'Your avatar is set.' }).waitFor();
    await page.getByRole('img', { name: 'Your avatar' }).waitFor();

    // The top bar shows the image, loaded from the store (the page's CSP allows it).
    const image = account.locator('img.avatar');
    await image.waitFor();
    await expect
      .poll(() =>
        image.evaluate((element) => {
          const img = element as unknown as { complete: boolean; naturalWidth: number };
          return img.complete && img.naturalWidth;
        }),
      )
      .toBe(1);
    const shown = await fetch((await image.getAttribute('src'))!);
    expect(Buffer.from(await shown.arrayBuffer()).equals(PNG)).toBe(true);

    const me = await cell.gql<{ me: { avatar: { name: string; width: number } | null } }>('{ me { avatar { name width } } }', {}, owner.token);
    expect(me.data?.me.avatar).toEqual({ name: 'me.png', width: 1 });

    await page.getByRole('button', { name: 'Remove avatar' }).click();
    await page.getByRole('status').filter({ hasText: 'Your avatar is removed.' }).waitFor();
    await account.getByText('FF').waitFor();

    expect(problems.join('\n')).toBe('');
    await context.close();
  });
});
