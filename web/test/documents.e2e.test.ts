import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { waitForEmail, type TestUser } from '../../scripts/testing/cell-harness.js';
import { launchChromium, newPage, signIn, startAppCell, type AppCell } from './browser-harness.js';

const TEMPLATE_CONTENT =
  '<section data-field="scope" data-label="Scope"><p>Monthly social media content.</p></section>' +
  '<section data-field="fee" data-label="Fee"><p>The fee is 500 EUR per month.</p></section>';

/**
 * The documents journey in a real Chromium against the `agency` cell (persisted documents
 * enforced): a contract created from a template, edited with track changes and saved as a revision,
 * its redline, submitted for approval and approved, sent for review; the reviewer opens the e-mailed
 * link without an account and suggests a change; the owner approves the suggestion and accepts
 * every pending change.
 */
describe('documents in the web app', () => {
  let cell: AppCell;
  let browser: Browser;
  let owner: TestUser;

  beforeAll(async () => {
    [cell, browser] = await Promise.all([startAppCell({ cell: 'agency' }), launchChromium()]);
    owner = await cell.signUp('Olive Owner');
    const template = await cell.gql<{ documentCreate: { userErrors: unknown[] } }>(
      'mutation($input: DocumentCreateInput!) { documentCreate(input: $input) { document { id } userErrors { code message } } }',
      { input: { title: 'Retainer template', type: 'TEMPLATE', content: TEMPLATE_CONTENT } },
      owner.token,
    );
    expect(template.errors).toBeUndefined();
    expect(template.data?.documentCreate.userErrors).toEqual([]);
    // Contracts need the owner's approval (one step).
    const workflow = await cell.gql<{ approvalWorkflowCreate: { userErrors: unknown[] } }>(
      'mutation($input: ApprovalWorkflowCreateInput!) { approvalWorkflowCreate(input: $input) { approvalWorkflow { id } userErrors { code message } } }',
      { input: { name: 'Contract approval', documentType: 'CONTRACT', steps: [{ role: 'OWNER' }] } },
      owner.token,
    );
    expect(workflow.errors).toBeUndefined();
    expect(workflow.data?.approvalWorkflowCreate.userErrors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await cell?.stop();
  });

  it('creates from a template, edits with track changes, approves, and takes a reviewer’s suggestion', async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, cell.appUrl, owner.email, owner.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Documents' }).click();
    await page.getByRole('table', { name: 'Documents' }).getByText('Retainer template').waitFor();

    // Create from the template.
    await page.getByRole('button', { name: 'New document' }).click();
    const dialog = page.getByRole('dialog', { name: 'New document' });
    await dialog.getByLabel('Title').fill('Retainer for Acme');
    await dialog.getByLabel('Type').selectOption('CONTRACT');
    await dialog.getByRole('option', { name: 'Template: Retainer template' }).waitFor({ state: 'attached' });
    await dialog.getByLabel('Start from').selectOption({ label: 'Template: Retainer template' });
    await dialog.getByRole('button', { name: 'Create document' }).click();
    await page.getByRole('article', { name: 'Document Retainer for Acme' }).waitFor();
    await page.getByText('from template “Retainer template”').waitFor();

    // Edit: typed text is an insertion, deleted text stays as a deletion.
    const editor = page.getByRole('textbox', { name: 'Document content' });
    await editor.getByText('Monthly social media content.').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Two posts a week.');
    // The start of the paragraph, by a click at its left edge (Home is left to the platform's key bindings).
    await editor.getByText('Monthly social media content.').click({ position: { x: 1, y: 5 } });
    for (let index = 0; index < 'Monthly '.length; index++) await page.keyboard.press('Delete');
    await editor.locator('ins[data-inserted]', { hasText: 'Two posts a week.' }).waitFor();
    await editor.locator('del[data-deleted]', { hasText: 'Monthly' }).waitFor();
    await page.getByText('Unsaved: 1 insertion, 1 deletion').waitFor();

    // Save as revision 1: its two changes wait for a decision.
    await page.getByLabel('What changed').fill('Scope detailed');
    await page.getByRole('button', { name: 'Save revision' }).click();
    await page.getByText('Saved as revision 1').waitFor();
    const pending = page.getByRole('region', { name: 'Pending changes' });
    await pending.getByRole('group', { name: 'Revision 1' }).getByText('Two posts a week.').waitFor();

    // The redline: every change since the original, with and without the old text.
    await page.getByRole('button', { name: 'Redline', exact: true }).click();
    const redline = page.getByRole('document', { name: 'Redline of the document' });
    await redline.locator('ins', { hasText: 'Two posts a week.' }).waitFor();
    await redline.locator('del', { hasText: 'Monthly' }).waitFor();
    await page.getByLabel('Show old text').uncheck();
    await expect.poll(() => redline.locator('del').count()).toBe(0);

    // Submit for approval, and approve as the step's reviewer (the owner role).
    await page.getByRole('button', { name: 'Approval', exact: true }).click();
    const approval = page.getByRole('region', { name: 'Approval' });
    await approval.getByRole('button', { name: 'Submit for approval' }).click();
    await approval.getByText('Waiting for approval').waitFor();
    await approval.getByLabel('Comment').fill('Looks right');
    await approval.getByRole('button', { name: 'Approve', exact: true }).click();
    await approval.getByText('Approved', { exact: true }).first().waitFor();
    await approval.getByText('“Looks right”').waitFor();
    await page.locator('.page-subtitle .badge', { hasText: 'Client review' }).waitFor();

    // Send for review: the link goes to the reviewer's e-mail.
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await page.getByLabel('Reviewer’s e-mail').fill('rita@client.test');
    await page.getByLabel('Reviewer’s name').fill('Rita');
    await page.getByRole('button', { name: 'Send for review' }).click();
    await page.getByText('Review link sent to rita@client.test.').waitFor();
    await page.getByRole('region', { name: 'Reviews' }).getByText('Rita <rita@client.test>').waitFor();

    // The reviewer, without an account, opens the link and suggests a change to the fee.
    const mail = await waitForEmail(cell, 'rita@client.test', { timeoutMs: 30_000 });
    const link = /https?:\/\/\S+\/review\?token=\S+/.exec(mail.text)?.[0];
    expect(link, 'the e-mail links to the app').toBeDefined();
    const reviewer = await newPage(browser);
    await reviewer.page.goto(link!.replace('127.0.0.1', 'localhost'));
    await reviewer.page.getByRole('heading', { name: 'Retainer for Acme' }).waitFor();
    await reviewer.page.getByRole('document', { name: 'Document to review' }).getByText('The fee is 500 EUR per month.').waitFor();
    await reviewer.page.getByLabel('Section').selectOption({ label: 'Fee' });
    await reviewer.page.getByLabel('Text to replace').fill('500 EUR');
    await reviewer.page.getByLabel('Suggested text').fill('450 EUR');
    await reviewer.page.getByLabel('Comment').fill('Our budget');
    await reviewer.page.getByRole('button', { name: 'Send suggestion' }).click();
    await reviewer.page.getByText('Thank you: your suggestion was sent').waitFor();
    expect(reviewer.problems.join('\n')).toBe('');
    await reviewer.context.close();

    // Back as the owner: the suggestion side by side, approved into the content.
    await page.reload();
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    const suggestion = page.getByRole('listitem', { name: 'Suggestion for fee' });
    await suggestion.locator('.doc-original', { hasText: '500 EUR' }).waitFor();
    await suggestion.locator('.doc-suggested', { hasText: '450 EUR' }).waitFor();
    await suggestion.getByText('“Our budget”').waitFor();
    await suggestion.getByRole('button', { name: 'Approve suggestion' }).click();
    await suggestion.locator('.badge', { hasText: 'Approved' }).waitFor();

    // The approved suggestion is a revision of its own: accept every pending change.
    await page.getByRole('button', { name: 'Content', exact: true }).click();
    await page.getByRole('textbox', { name: 'Document content' }).getByText('The fee is 450 EUR per month.').waitFor();
    await pending.getByRole('group', { name: 'Revision 2' }).waitFor();
    await pending.getByRole('button', { name: 'Accept all' }).click();
    await pending.getByText('No changes wait for a decision.').waitFor();
    const content = page.getByRole('textbox', { name: 'Document content' });
    await expect.poll(() => content.locator('del, ins').count()).toBe(0);
    expect(await content.innerText()).toContain('social media content. Two posts a week.');
    expect(problems.join('\n')).toBe('');
    await context.close();
  });
});
