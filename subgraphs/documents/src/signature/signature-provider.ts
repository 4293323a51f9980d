/*
 * The e-signature provider, in the shape DocuSign, Dropbox Sign and Adobe Sign share: an envelope
 * holds a PDF and ordered signers; the provider e-mails each signer in turn, and reports progress
 * to a webhook, signed with a shared secret (HMAC-SHA256 over the raw body).
 */

export interface EnvelopeSigner {
  name: string;
  email: string;
  /** 1 first; signers of one order sign in any order, the next order after all of them. */
  order: number;
}

export interface EnvelopeDraft {
  title: string;
  message: string | null;
  pdf: Buffer;
  signers: readonly EnvelopeSigner[];
  /** Returned with every webhook event (DocuSign's custom fields): the organization and the signature request. */
  metadata: { orgId: string; requestId: string };
}

/** What a webhook event says (our parsed form of the provider's payload). */
export interface EnvelopeEvent {
  /** The provider's event id: a replay carries the same. */
  id: string;
  envelopeId: string;
  status: 'SENT' | 'COMPLETED' | 'VOIDED';
  signers: { email: string; signedAt: string | null }[];
  metadata: { orgId: string; requestId: string };
}

export interface SignatureProvider {
  readonly name: string;
  /** Creates and sends an envelope; answers the provider's envelope id. */
  createEnvelope(draft: EnvelopeDraft): Promise<string>;
  /** Cancels an envelope still out for signature. */
  voidEnvelope(envelopeId: string, reason: string): Promise<void>;
  /** The event of a webhook call, or null when its signature does not verify (forged, altered). */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | undefined>): EnvelopeEvent | null;
}
