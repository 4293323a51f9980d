import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newPage, signIn, startAppCell, type AppCell } from './browser-harness.js';

/** The `sales` cell serves no tasks subgraph: the app shows no tasks UI anywhere, and nothing breaks. */
describe('web app in the sales cell', () => {
  let cell: AppCell;
  let browser: Browser;

  beforeAll(async () => {
    [cell, browser] = await Promise.all([startAppCell({ cell: 'sales' }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await cell?.stop();
  });

  it('has no Tasks navigation, command, page or contact widget', async () => {
    const user = await cell.signUp('Sam Sales');
    const created = await cell.gql<{ contactCreate: { contact: { id: string } } }>(
      'mutation($input: ContactCreateInput!) { contactCreate(input: $input) { contact { id } userErrors { code message } } }',
      { input: { firstName: 'Grace', lastName: 'Hopper' } },
      user.token,
    );
    const contactId = created.data!.contactCreate.contact.id;
    const { context, page, problems } = await newPage(browser);
    await signIn(page, cell.appUrl, user.email, user.password);

    const navigation = page.getByRole('navigation', { name: 'Main' });
    await navigation.getByRole('link', { name: 'Contacts' }).waitFor();
    expect(await navigation.getByRole('link').allTextContents()).not.toContain(expect.stringContaining('Tasks'));

    await page.keyboard.press('Control+k');
    await page.getByPlaceholder('Type a command or search…').fill('task');
    await page.getByText('No results.').waitFor();
    await page.keyboard.press('Escape');

    await page.goto(`${cell.appUrl}/crm/contacts/${encodeURIComponent(contactId)}`);
    await page.getByRole('heading', { name: /Grace Hopper/ }).waitFor();
    expect(await page.getByRole('region', { name: 'Tasks' }).count()).toBe(0);

    await page.goto(`${cell.appUrl}/tasks`);
    await page.getByText('This page does not exist').waitFor();
    expect(problems.join('\n')).toBe('');
    await context.close();
  });
});
