import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

// PDFs and signatures end to end in cell `agency`: through the gateway, the files module and the
// real S3-compatible store of the test run, the local mail sink and the signing simulator.

let cell: TestCell;
let owner: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  cell = await startTestCell({ cell: 'agency' });
  owner = await cell.signUp('Owner');
  stranger = await cell.signUp('Stranger');
});
afterAll(async () => {
  await cell?.stop();
});

const data = async (who: TestUser, query: string, variables: Record<string, unknown> = {}) => {
  const result = await cell.gql(query, variables, who.token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
};
const createDocument = async (who: TestUser, title: string, text: string): Promise<string> =>
  (
    await data(who, 'mutation($input: DocumentCreateInput!) { documentCreate(input: $input) { document { id } } }', {
      input: { title, content: `<p>${text}</p>` },
    })
  ).documentCreate.document.id;

const PDF = 'mutation($input: DocumentPdfInput!) { documentPdf(input: $input) { file { id } userErrors { code field message } } }';
const FILE = 'query($id: ID!) { file(id: $id) { name contentType size aboutId downloadUrl } }';

describe('documentPdf', () => {
  it('renders the document to a PDF File attached to it, downloadable by presigned URL', async () => {
    const id = await createDocument(owner, 'Statement of work', 'Four posts a month.');
    const { documentPdf } = await data(owner, PDF, { input: { id } });
    expect(documentPdf.userErrors).toEqual([]);
    const { file } = await data(owner, FILE, { id: documentPdf.file.id });
    expect(file).toMatchObject({ name: 'Statement of work.pdf', contentType: 'application/pdf', aboutId: id });
    const download = await fetch(file.downloadUrl);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(file.size);

    const redline = await data(owner, PDF, { input: { id, redline: true } });
    expect((await data(owner, FILE, { id: redline.documentPdf.file.id })).file.name).toBe('Statement of work (redline).pdf');
  });

  it("refuses another organization's document as not found, and a document not shared with a guest the same way", async () => {
    const id = await createDocument(owner, 'Private', 'Only ours.');
    const { documentPdf } = await data(stranger, PDF, { input: { id } });
    expect(documentPdf).toEqual({ file: null, userErrors: [expect.objectContaining({ code: 'DOCUMENT_NOT_FOUND', field: ['input', 'id'] })] });

    await data(owner, 'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code } } }', {
      input: { email: 'guest@pdf.test', role: 'GUEST' },
    });
    const { token } = await waitForEmail(cell, 'guest@pdf.test');
    const accepted = await cell.gql('mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken } } }', {
      input: { token, name: 'Guest', password: TEST_PASSWORD },
    });
    const guest = { ...owner, token: accepted.data!.invitationAccept.session.accessToken };
    const refused = await cell.gql(PDF, { input: { id } }, guest.token);
    expect(refused.errors).toBeUndefined();
    expect(refused.data!.documentPdf).toEqual({ file: null, userErrors: [expect.objectContaining({ code: 'DOCUMENT_NOT_FOUND' })] });
  });
});
