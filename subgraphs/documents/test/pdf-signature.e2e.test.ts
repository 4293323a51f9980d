import { parseGlobalId, readSentEmails, signWebhook } from '@cellgraph/kernel';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_SIGNATURE_HEADER } from '../src/signature/local-signature-provider.js';
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

const SEND = `mutation($input: DocumentSendForSignatureInput!) {
  documentSendForSignature(input: $input) { signature { status provider signers { name email order signedAt } } userErrors { code field message } }
}`;
const SIGNATURE = 'query($id: ID!) { document(id: $id) { status signature { status completedAt signers { email signedAt } signedFile { id } } } }';
const linkIn = (text: string) => /https?:\/\/\S+/.exec(text)![0];
const webhook = (body: string, signature: string) =>
  fetch(`${cell.gatewayUrl.replace(/\/graphql$/, '')}/hooks/documents/signatures/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signature },
    body,
  });

describe('documentSendForSignature', () => {
  it('sends the PDF to ordered signers by e-mail; each signs on the simulator’s page through the gateway; the webhook marks it signed and the signed PDF is stored', async () => {
    const id = await createDocument(owner, 'Retainer', 'Monthly retainer of four posts.');
    const sent = await data(owner, SEND, {
      input: {
        id,
        message: 'Please sign the retainer.',
        signers: [
          { name: 'Bea Second', email: 'bea@sign.test', order: 2 },
          { name: 'Ada First', email: 'ada@sign.test', order: 1 },
        ],
      },
    });
    expect(sent.documentSendForSignature.userErrors).toEqual([]);
    expect(sent.documentSendForSignature.signature).toMatchObject({ status: 'SENT', provider: 'local' });
    expect(sent.documentSendForSignature.signature.signers.map((s: { email: string }) => s.email)).toEqual(['ada@sign.test', 'bea@sign.test']);
    expect((await data(owner, SIGNATURE, { id })).document.status).toBe('SENT');
    const again = await data(owner, SEND, { input: { id, signers: [{ name: 'Ada', email: 'ada@sign.test', order: 1 }] } });
    expect(again.documentSendForSignature.userErrors[0].code).toBe('DOCUMENT_SIGNATURE_PENDING');

    const first = linkIn((await waitForEmail(cell, 'ada@sign.test', { subject: 'Please sign: Retainer' })).text);
    expect(readSentEmails(cell.emailDir).some((mail) => mail.to === 'bea@sign.test')).toBe(false); // not her turn yet
    expect(new URL(first).origin).toBe(new URL(cell.gatewayUrl).origin); // served through the gateway
    const page = await fetch(first);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Signing as Ada First');
    expect((await fetch(first.replace(/token=[^&]+/, 'token=wrong'), { method: 'POST' })).status).toBe(404);
    expect((await fetch(first, { method: 'POST' })).status).toBe(200);
    expect((await fetch(first, { method: 'POST' })).status).toBe(404); // the link is single-use
    const midway = (await data(owner, SIGNATURE, { id })).document.signature;
    expect(midway.status).toBe('SENT');
    expect(readSentEmails(cell.emailDir).some((mail) => mail.subject.startsWith('Completed:'))).toBe(false);
    expect(midway.signers.find((s: { email: string }) => s.email === 'ada@sign.test').signedAt).not.toBeNull();

    const second = linkIn((await waitForEmail(cell, 'bea@sign.test')).text);
    expect((await fetch(second, { method: 'POST' })).status).toBe(200);
    await expect.poll(async () => (await data(owner, SIGNATURE, { id })).document.signature.signedFile, { timeout: 15_000 }).not.toBeNull();
    const signed = (await data(owner, SIGNATURE, { id })).document.signature;
    expect(signed.status).toBe('COMPLETED');
    expect(signed.signers.every((s: { signedAt: string | null }) => s.signedAt)).toBe(true);
    expect((await data(owner, SIGNATURE, { id })).document.status).toBe('SIGNED');
    // Every party hears of it: the signers from the provider, the owner (the sender) in notifications.
    for (const signer of ['ada@sign.test', 'bea@sign.test'])
      expect((await waitForEmail(cell, signer, { subject: 'Completed: Retainer' })).text).toContain('Ada First, Bea Second');
    await expect
      .poll(async () => (await data(owner, '{ notifications { nodes { event title body } } }')).notifications.nodes, { timeout: 60_000 })
      .toContainEqual({ event: 'document.signed', title: '“Retainer” was signed', body: 'Signed by Ada First, Bea Second.' });
    // What was signed stays signed: it cannot go out for signature again.
    const resent = await data(owner, SEND, { input: { id, signers: [{ name: 'Ada', email: 'ada@sign.test', order: 1 }] } });
    expect(resent.documentSendForSignature.userErrors).toEqual([expect.objectContaining({ code: 'DOCUMENT_INVALID_TRANSITION', field: ['input', 'id'] })]);
    const { file } = await data(owner, FILE, { id: signed.signedFile.id });
    expect(file).toMatchObject({ name: 'Retainer (signed).pdf', contentType: 'application/pdf', aboutId: id });
    expect(
      Buffer.from(await (await fetch(file.downloadUrl)).arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await data(stranger, SIGNATURE, { id })).document).toBeNull();
  });

  it('voids a request out for signature: its links stop working, the document is a draft again and can be sent anew', async () => {
    const id = await createDocument(owner, 'Recalled', 'Terms to rework.');
    const VOID = 'mutation($input: DocumentSignatureVoidInput!) { documentSignatureVoid(input: $input) { signature { status } userErrors { code field } } }';
    expect((await data(owner, VOID, { input: { id } })).documentSignatureVoid.userErrors).toEqual([
      { code: 'DOCUMENT_SIGNATURE_NOT_PENDING', field: ['input', 'id'] },
    ]);
    await data(owner, SEND, { input: { id, signers: [{ name: 'Cleo', email: 'cleo@sign.test', order: 1 }] } });
    const link = linkIn((await waitForEmail(cell, 'cleo@sign.test', { subject: 'Please sign: Recalled' })).text);
    expect((await data(stranger, VOID, { input: { id } })).documentSignatureVoid.userErrors[0].code).toBe('DOCUMENT_NOT_FOUND');
    expect((await data(owner, VOID, { input: { id, reason: 'Terms changed' } })).documentSignatureVoid).toEqual({
      signature: { status: 'VOIDED' },
      userErrors: [],
    });
    expect((await fetch(link, { method: 'POST' })).status).toBe(410);
    expect((await data(owner, SIGNATURE, { id })).document).toMatchObject({ status: 'DRAFT', signature: { status: 'VOIDED' } });
    const again = await data(owner, SEND, { input: { id, signers: [{ name: 'Cleo', email: 'cleo@sign.test', order: 1 }] } });
    expect(again.documentSendForSignature).toMatchObject({ signature: { status: 'SENT' }, userErrors: [] });
  });

  it('refuses a forged webhook, ignores a replayed one, and a subgraph hook unsigned by the gateway', async () => {
    const orgId = parseGlobalId(owner.organizationId)!.uuid;
    const body = JSON.stringify({
      event: { id: randomUUID(), type: 'envelope.completed' },
      envelope: { id: 'env_unknown', status: 'COMPLETED', metadata: { orgId, requestId: randomUUID() }, signers: [] },
    });
    expect((await webhook(body, signWebhook('not the secret, but long enough to pass', Buffer.from(body)))).status).toBe(401);
    const genuine = signWebhook(cell.keys.signatureWebhookSecret, Buffer.from(body));
    expect(await (await webhook(body, genuine)).json()).toEqual({ ok: true, replayed: false });
    expect(await (await webhook(body, genuine)).json()).toEqual({ ok: true, replayed: true });
    const direct = await fetch(`${cell.subgraphsUrl}/documents/hooks/signatures/webhook`, {
      method: 'POST',
      headers: { [WEBHOOK_SIGNATURE_HEADER]: genuine },
      body,
    });
    expect(direct.status).toBe(401);
    expect((await fetch(`${cell.gatewayUrl.replace(/\/graphql$/, '')}/hooks/nosuchmodule/x`)).status).toBe(404);
  });

  it('refuses bad input and documents it cannot see', async () => {
    const id = await createDocument(owner, 'Draft', 'x');
    const bad = await data(owner, SEND, { input: { id, signers: [{ name: 'A', email: 'not-an-email', order: 0 }] } });
    expect(bad.documentSendForSignature.userErrors.map((e: { code: string }) => e.code)).toContain('DOCUMENT_INVALID_INPUT');
    const hidden = await data(stranger, SEND, { input: { id, signers: [{ name: 'A', email: 'a@sign.test', order: 1 }] } });
    expect(hidden.documentSendForSignature.userErrors[0].code).toBe('DOCUMENT_NOT_FOUND');
  });
});
