import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { waitForEmail, type TestUser } from '../../scripts/testing/cell-harness.js';
import { launchChromium, newPage, signIn, startAppCell, type AppCell } from './browser-harness.js';

/**
 * The finance journey in a real Chromium against the `billing` cell (persisted documents
 * enforced): an invoice written for a CRM contact, its lines typed with the total following live
 * (the browser's exact preview), saved (the server's amounts), a line added to the draft, the
 * invoice sent by e-mail, its public page opened from the e-mailed link without an account (the
 * owner's page turning VIEWED live) and paid there by card on the provider's hosted page, which
 * returns the customer to it (the owner's page turning PAID live), then duplicated and the copy
 * voided, both on the contact's profile, and the payment in the reports.
 */
describe('finance in the web app', () => {
  let cell: AppCell;
  let browser: Browser;
  let owner: TestUser;
  let contactId: string;

  beforeAll(async () => {
    [cell, browser] = await Promise.all([startAppCell({ cell: 'billing' }), launchChromium()]);
    owner = await cell.signUp('Olive Owner');
    const created = await cell.gql<{ contactCreate: { contact: { id: string; name: string }; userErrors: unknown[] } }>(
      'mutation($input: ContactCreateInput!) { contactCreate(input: $input) { contact { id name } userErrors { code message } } }',
      { input: { firstName: 'Ada', lastName: 'Buyer', company: 'Acme', email: 'ada@acme.test', type: 'CLIENT' } },
      owner.token,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.contactCreate.userErrors).toEqual([]);
    contactId = created.data!.contactCreate.contact.id;
  });
  afterAll(async () => {
    await browser?.close();
    await cell?.stop();
  });

  it('writes an invoice with live totals, saves, sends it, the customer opens it by the e-mailed link and pays it by card there', async () => {
    const { page, problems } = await newPage(browser);
    await signIn(page, cell.appUrl, owner.email, owner.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Finance' }).click();
    await page.getByText('No invoices yet').waitFor();

    // A new invoice for the contact, its lines typed: the total follows each keystroke.
    await page.getByRole('button', { name: 'New invoice' }).click();
    // The list's filters have a Customer field too: fill the editor's, once it is there.
    await page.getByRole('heading', { name: 'New invoice' }).waitFor();
    await page.getByLabel('Customer').fill('Ada');
    await page.getByRole('option', { name: /Ada Buyer/ }).click();
    await page.getByLabel('Description of line 1').fill('Design work');
    await page.getByLabel('Quantity of line 1').fill('2');
    await page.getByLabel('Unit price of line 1').fill('49.99');
    await page.getByLabel('Tax rate of line 1').fill('19');
    const totals = page.getByRole('region', { name: 'Totals' });
    // 2 × 49.99 = 99.98; tax 18.9962 → 19.00
    await expect.poll(() => totals.getByLabel('Total', { exact: true }).textContent()).toBe('$118.98');
    await page.getByRole('button', { name: '+ Add line' }).click();
    await page.getByLabel('Description of line 2').fill('Hosting');
    await page.getByLabel('Unit price of line 2').fill('0.1');
    await expect.poll(() => totals.getByLabel('Total', { exact: true }).textContent()).toBe('$119.08');
    await page.getByLabel('Quantity of line 2').fill('3');
    await expect.poll(() => page.getByLabel('Amount of line 2').textContent()).toBe('$0.30');
    await expect.poll(() => totals.getByLabel('Total', { exact: true }).textContent()).toBe('$119.28');

    // Saved: the server's numbers and amounts.
    await page.getByRole('button', { name: 'Create invoice' }).click();
    const year = new Date().getUTCFullYear();
    await page.getByRole('heading', { name: `Invoice INV-${year}-0001` }).waitFor();
    await page.locator('.page-subtitle .badge', { hasText: 'Draft' }).waitFor();
    expect(await totals.getByLabel('Amount due').textContent()).toBe('$119.28');
    expect(await totals.getByLabel('Tax').textContent()).toBe('$19.00');

    // A third line on the draft, saved through invoiceLineAdd.
    await page.getByRole('button', { name: '+ Add line' }).click();
    await page.getByLabel('Description of line 3').fill('Support');
    await page.getByLabel('Unit price of line 3').fill('10.05');
    await page.getByLabel('Tax rate of line 3').fill('19');
    await page.getByText('Unsaved: the totals are a preview until you save.').waitFor();
    await expect.poll(() => totals.getByLabel('Total', { exact: true }).textContent()).toBe('$131.24');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    await expect.poll(() => totals.getByLabel('Amount due').textContent()).toBe('$131.24');
    await page.reload();
    await page.getByLabel('Description of line 3').waitFor();
    expect(await page.getByLabel('Unit price of line 3').inputValue()).toBe('10.05');

    // Send: the invoice e-mailed with its link; the customer opens the public page without an account.
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Send INV-${year}-0001` });
    expect(await dialog.getByLabel('Recipients').inputValue()).toBe('ada@acme.test');
    await dialog.getByLabel('Message').fill('Thank you for your business.');
    await dialog.getByRole('button', { name: 'Send invoice' }).click();
    await page.getByText('Sent to ada@acme.test.').waitFor();
    await page.locator('.page-subtitle .badge', { hasText: 'Sent' }).waitFor();
    const mail = await waitForEmail(cell, 'ada@acme.test', { timeoutMs: 30_000 });
    const link = /https?:\/\/\S+\/invoice\?token=[\w-]+/.exec(mail.text)?.[0];
    expect(link, 'the e-mail links to the app').toBeDefined();
    const customer = await newPage(browser);
    await customer.page.goto(link!.replace('127.0.0.1', 'localhost'));
    await customer.page.getByRole('heading', { name: `Invoice INV-${year}-0001` }).waitFor();
    expect(await customer.page.getByRole('region', { name: 'Totals' }).getByLabel('Amount due').textContent()).toBe('$131.24');
    // The owner's page follows live: the customer viewed it.
    await page.locator('.page-subtitle .badge', { hasText: 'Viewed' }).waitFor();

    // The customer pays from the public page: "Pay" goes to the simulator's hosted page (Stripe's test
    // card), which brings them back to the public page, now paid; the owner's page follows live.
    const publicPage = customer.page;
    const pdfUrl = await publicPage.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    expect(pdfUrl).toMatch(/\/hooks\/finance\/invoices\/pdf\?token=cgi_/);
    const pdf = await publicPage.request.get(pdfUrl!);
    expect({ status: pdf.status(), type: pdf.headers()['content-type'], start: (await pdf.body()).subarray(0, 5).toString() }).toEqual({
      status: 200,
      type: 'application/pdf',
      start: '%PDF-',
    });
    await publicPage.getByRole('button', { name: 'Pay $131.24' }).click();
    await publicPage.getByLabel('Card number').fill('4242 4242 4242 4242');
    await publicPage.getByRole('button', { name: /^Pay/ }).click();
    await publicPage.getByText('Payment succeeded. Thank you.').waitFor();
    await publicPage.getByRole('link', { name: 'Return to the invoice' }).click();
    await publicPage.getByRole('heading', { name: `Invoice INV-${year}-0001` }).waitFor();
    await publicPage.getByText('Paid in full. Thank you.').waitFor();
    expect(await publicPage.getByRole('region', { name: 'Totals' }).getByLabel('Amount due').textContent()).toBe('$0.00');
    expect(await publicPage.getByRole('button', { name: /^Pay/ }).count()).toBe(0);
    await page.locator('.page-subtitle .badge', { hasText: 'Paid' }).waitFor();
    await expect.poll(() => totals.getByLabel('Amount due').textContent()).toBe('$0.00');

    // Duplicate: a new draft with the next number; void it.
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await page.getByRole('heading', { name: `Invoice INV-${year}-0002` }).waitFor();
    await page.getByRole('button', { name: 'Void', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, void it' }).click();
    await page.locator('.page-subtitle .badge', { hasText: 'Void' }).waitFor();

    // The list, filtered by status through the API, and the contact's profile.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Finance' }).click();
    const table = page.getByRole('table', { name: 'Invoices' });
    await table.getByText(`INV-${year}-0002`).waitFor();
    await page.getByLabel('Status').selectOption('VOID');
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    await table.getByText(`INV-${year}-0002`).waitFor();
    await page.getByLabel('Status').selectOption('PAID');
    await table.getByText(`INV-${year}-0001`).waitFor();
    await page.goto(`${cell.appUrl}/crm/contacts/${encodeURIComponent(contactId)}`);
    await page.getByRole('link', { name: `INV-${year}-0001` }).waitFor();
    await page.getByRole('link', { name: `INV-${year}-0002` }).waitFor();
    await page.getByLabel('Balance due').getByText('nothing').waitFor();

    // The reports: this year's revenue, invoiced and collected, from Postgres; the voided copy counts for nothing.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Finance' }).click();
    await page.getByRole('link', { name: 'Reports' }).click();
    const pnl = page.getByRole('region', { name: 'Profit and loss' });
    await pnl.getByText('Profit', { exact: true }).waitFor();
    expect(await pnl.locator('.fin-pnl-net dd').textContent()).toBe('+$131.24');
    const revenue = page.getByRole('region', { name: 'Revenue by month' });
    await expect.poll(() => revenue.locator('.chart-summary').textContent()).toBe('Invoiced $131.24, collected $131.24');
    expect(customer.problems.join('\n')).toBe('');
    expect(problems.join('\n')).toBe('');
  });
});
