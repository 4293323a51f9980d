import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signWebhook, webhookSignatureValid, type Logger, type Mailer, type SubgraphDefinition } from '@cellgraph/kernel';
import { z } from 'zod';
import type { EnvelopeDraft, EnvelopeEvent, SignatureProvider } from './signature-provider.js';

/** The header of the simulator's webhook signature (the kernel's `t=<unix seconds>,v1=<hex HMAC>`). */
export const WEBHOOK_SIGNATURE_HEADER = 'x-signature';

/** An envelope as the simulator keeps it (one JSON file per envelope in its directory). */
const storedEnvelope = z.object({
  id: z.string(),
  title: z.string(),
  message: z.string().nullable(),
  status: z.enum(['SENT', 'COMPLETED', 'VOIDED']),
  metadata: z.object({ orgId: z.string(), requestId: z.string() }),
  signers: z.array(z.object({ name: z.string(), email: z.string(), order: z.number(), tokenHash: z.string().nullable(), signedAt: z.string().nullable() })),
});
type StoredEnvelope = z.infer<typeof storedEnvelope>;

const webhookBody = z.object({
  event: z.object({ id: z.string(), type: z.string() }),
  envelope: storedEnvelope.pick({ id: true, status: true, metadata: true }).extend({
    signers: z.array(z.object({ email: z.string(), signedAt: z.string().nullable() })),
  }),
});

export interface LocalSignatureOptions {
  /** Where envelopes (JSON) and their PDFs are kept. */
  dir: string;
  /** The gateway's public base URL: signing links and the webhook are under its /hooks/documents. */
  publicUrl: string;
  secret: string;
  mailer: Mailer;
  logger: Logger;
}

/** The router a subgraph's `hooks` receive. */
export type HookRouter = Parameters<NonNullable<SubgraphDefinition<unknown>['hooks']>>[0];

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const ENVELOPE_ID = /^env_[0-9a-f]{32}$/;

/**
 * The local e-signature provider: a real simulator. It keeps envelopes on disk, e-mails each signer
 * in order a link to its signing page (single-use token, hashed at rest), serves that page through
 * the gateway (`/hooks/documents/signing/<envelope>/<signer>?token=…`) and, after each signature,
 * calls the webhook signed with the shared secret, as a hosted provider would.
 */
export class LocalSignatureProvider implements SignatureProvider {
  readonly name = 'local';

  constructor(private readonly options: LocalSignatureOptions) {
    mkdirSync(options.dir, { recursive: true });
  }

  async createEnvelope(draft: EnvelopeDraft): Promise<string> {
    const id = `env_${randomBytes(16).toString('hex')}`;
    writeFileSync(join(this.options.dir, `${id}.pdf`), draft.pdf);
    const envelope: StoredEnvelope = {
      id,
      title: draft.title,
      message: draft.message,
      status: 'SENT',
      metadata: draft.metadata,
      signers: draft.signers.map((signer) => ({ ...signer, tokenHash: null, signedAt: null })),
    };
    await this.inviteNext(envelope);
    return id;
  }

  async voidEnvelope(envelopeId: string): Promise<void> {
    const envelope = this.read(envelopeId);
    if (envelope && envelope.status === 'SENT') this.write({ ...envelope, status: 'VOIDED' });
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | undefined>): EnvelopeEvent | null {
    if (!webhookSignatureValid(this.options.secret, rawBody, headers[WEBHOOK_SIGNATURE_HEADER])) return null;
    const body = webhookBody.parse(JSON.parse(rawBody.toString('utf8')));
    return { id: body.event.id, envelopeId: body.envelope.id, status: body.envelope.status, signers: body.envelope.signers, metadata: body.envelope.metadata };
  }

  /** The signing pages, mounted on documents' hooks. */
  mountSigningPages(router: HookRouter): void {
    router.get('/signing/:envelope/:signer', (req, res) => {
      const found = this.signerOf(req.params.envelope, Number(req.params.signer), String(req.query.token ?? ''));
      if ('refusal' in found) return void res.status(found.status).type('text/plain').send(found.refusal);
      const { envelope, signer } = found;
      res
        .type('text/html')
        .set('Cache-Control', 'no-store')
        .send(
          `<!doctype html><html><head><title>Sign: ${escapeHtml(envelope.title)}</title></head><body>` +
            `<h1>${escapeHtml(envelope.title)}</h1><p>${escapeHtml(envelope.message ?? '')}</p>` +
            `<p>Signing as ${escapeHtml(signer.name)} &lt;${escapeHtml(signer.email)}&gt;.</p>` +
            `<form method="post"><button type="submit" name="action" value="sign">Sign</button></form></body></html>`,
        );
    });
    router.post('/signing/:envelope/:signer', async (req, res) => {
      const found = this.signerOf(req.params.envelope, Number(req.params.signer), String(req.query.token ?? ''));
      if ('refusal' in found) return void res.status(found.status).type('text/plain').send(found.refusal);
      const { envelope, signer } = found;
      signer.signedAt = new Date().toISOString();
      signer.tokenHash = null; // single use
      if (envelope.signers.every((each) => each.signedAt)) envelope.status = 'COMPLETED';
      this.write(envelope);
      if (envelope.status === 'COMPLETED') await this.tellCompleted(envelope);
      else await this.inviteNext(envelope);
      const delivered = await this.callWebhook(envelope);
      res
        .status(delivered ? 200 : 502)
        .type('text/html')
        .send(`<!doctype html><html><body><p>${delivered ? 'Signed. Thank you.' : 'Signed; the sender could not be told yet.'}</p></body></html>`);
    });
  }

  private signerOf(
    envelopeId: string,
    index: number,
    token: string,
  ): { envelope: StoredEnvelope; signer: StoredEnvelope['signers'][number] } | { refusal: string; status: number } {
    const envelope = ENVELOPE_ID.test(envelopeId) ? this.read(envelopeId) : null;
    const signer = envelope?.signers[index];
    const valid = signer?.tokenHash && token && timingSafeEqual(Buffer.from(hash(token)), Buffer.from(signer.tokenHash));
    if (!envelope || !signer || !valid) return { refusal: 'This signing link is not valid (or was used already).', status: 404 };
    if (envelope.status !== 'SENT') return { refusal: 'This envelope is no longer out for signature.', status: 410 };
    return { envelope, signer };
  }

  /** E-mails a link to every signer of the lowest order not signed yet (once each). */
  private async inviteNext(envelope: StoredEnvelope): Promise<void> {
    const pending = envelope.signers.filter((signer) => !signer.signedAt);
    const order = Math.min(...pending.map((signer) => signer.order));
    const invitations: { index: number; token: string }[] = [];
    envelope.signers.forEach((signer, index) => {
      if (signer.order !== order || signer.signedAt || signer.tokenHash || envelope.status !== 'SENT') return;
      const token = randomBytes(24).toString('base64url');
      signer.tokenHash = hash(token);
      invitations.push({ index, token });
    });
    this.write(envelope);
    for (const { index, token } of invitations) {
      const signer = envelope.signers[index]!;
      const link = `${this.options.publicUrl}/hooks/documents/signing/${envelope.id}/${index}?token=${token}`;
      await this.options.mailer.send(
        {
          to: signer.email,
          subject: `Please sign: ${envelope.title}`,
          text: `${envelope.message ?? 'You are asked to sign a document.'}\n\nOpen the document and sign it: ${link}\n`,
        },
        `signature-${envelope.id}-${index}`,
      );
    }
  }

  /** Every party hears that everyone signed, as hosted providers tell them (once per envelope). */
  private async tellCompleted(envelope: StoredEnvelope): Promise<void> {
    const names = envelope.signers
      .toSorted((a, b) => a.order - b.order)
      .map((signer) => signer.name)
      .join(', ');
    for (const [index, signer] of envelope.signers.entries()) {
      await this.options.mailer.send(
        { to: signer.email, subject: `Completed: ${envelope.title}`, text: `Every party signed “${envelope.title}”: ${names}.\n` },
        `signature-${envelope.id}-${index}-completed`,
      );
    }
  }

  private async callWebhook(envelope: StoredEnvelope): Promise<boolean> {
    const body = Buffer.from(
      JSON.stringify({
        event: { id: randomUUID(), type: envelope.status === 'COMPLETED' ? 'envelope.completed' : 'recipient.signed' },
        envelope: {
          id: envelope.id,
          status: envelope.status,
          metadata: envelope.metadata,
          signers: envelope.signers.map(({ email, signedAt }) => ({ email, signedAt })),
        },
      }),
    );
    try {
      const response = await fetch(`${this.options.publicUrl}/hooks/documents/signatures/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signWebhook(this.options.secret, body) },
        body,
      });
      return response.ok;
    } catch (error) {
      this.options.logger.warn({ err: error, envelope: envelope.id }, 'signature webhook not delivered');
      return false;
    }
  }

  private read(id: string): StoredEnvelope | null {
    try {
      return storedEnvelope.parse(JSON.parse(readFileSync(join(this.options.dir, `${id}.json`), 'utf8')));
    } catch {
      return null;
    }
  }

  private write(envelope: StoredEnvelope): void {
    const file = join(this.options.dir, `${envelope.id}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(envelope, null, 2));
    renameSync(`${file}.tmp`, file);
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
