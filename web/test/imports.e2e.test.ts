import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../scripts/testing/cell-harness.js';
import { launchChromium, newPage, signIn, startAppCell, type AppCell } from './browser-harness.js';

/**
 * The import wizard in a real Chromium against the `all` cell (persisted documents enforced): from
 * the Contacts page's Import button, a CSV uploaded to the local S3 server, the suggested mapping,
 * the preview with an invalid row, the import followed live to its report.
 */
describe('importing in the web app', () => {
  let cell: AppCell;
  let browser: Browser;
  let owner: TestUser;

  beforeAll(async () => {
    [cell, browser] = await Promise.all([startAppCell(), launchChromium()]);
    owner = await cell.signUp('Ida Importer');
  });
  afterAll(async () => {
    await browser?.close();
    await cell?.stop();
  });

  it('imports contacts from a CSV through the wizard, with the preview’s problems and a downloadable report', async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, cell.appUrl, owner.email, owner.password);
    await page.goto(`${cell.appUrl}/crm/contacts`);
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import from a spreadsheet' }).waitFor();
    expect(await page.getByLabel('What to import').inputValue()).toBe('Contact');

    const csv = 'First name;Last name;E-mail\nAda;Lovelace;ada@engine.test\nBob;Broken;not-an-address\n';
    await page.getByLabel('File (CSV or XLSX)').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Read the file' }).click();
    await page.getByText('people.csv: 2 rows in 3 columns.').waitFor();
    expect(await page.getByLabel('E-mail', { exact: true }).inputValue()).toBe('email');
    await page.getByRole('button', { name: 'Check the rows' }).click();
    await page.getByText('1 row of the preview has problems.').waitFor();
    await page.getByText('“not-an-address” is not an e-mail address').waitFor();
    if (process.env.IMPORT_SCREENSHOT) await page.screenshot({ path: `${process.env.IMPORT_SCREENSHOT}-preview.png`, fullPage: true });
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await page.getByText('The import is complete.').waitFor();
    await page.getByText('Created: 1').waitFor();
    await page.getByText('Failed: 1').waitFor();
    // IMPORT_SCREENSHOT=<prefix>: pictures of the preview and the report, to look at.
    if (process.env.IMPORT_SCREENSHOT) await page.screenshot({ path: `${process.env.IMPORT_SCREENSHOT}-report.png`, fullPage: true });
    const report = await page.getByRole('link', { name: 'Download the skipped and failed rows (CSV)' }).getAttribute('href');
    const text = await (await fetch(report!)).text();
    expect(text).toContain('DATA_IMPORT_INVALID_EMAIL');
    expect(text).toContain('not-an-address');
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
