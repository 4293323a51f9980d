import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, in Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * The signed timestamp bounds replays of a captured call to the tolerance; a receiver still
 * dedupes on the event id within it. Several `v1` values may be given (a secret being rotated).
 */
export const WEBHOOK_SIGNATURE_TOLERANCE_SECONDS = 300;

const digest = (secret: string, timestamp: number, body: Buffer) => createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

export function signWebhook(secret: string, body: Buffer, timestamp = Math.floor(Date.now() / 1000)): string {
  return signWebhookWithSecrets([secret], body, timestamp);
}

/** One header signed with each of `secrets` (a secret being rotated: the new one and the old one): `t=…,v1=…,v1=…`. */
export function signWebhookWithSecrets(secrets: readonly string[], body: Buffer, timestamp = Math.floor(Date.now() / 1000)): string {
  if (!secrets.length) throw new Error('signWebhookWithSecrets needs at least one secret');
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${digest(secret, timestamp, body)}`)].join(',');
}

/** Whether any v1 signature of the header fits the body and a timestamp within the tolerance (compared in constant time). */
export function webhookSignatureValid(secret: string, body: Buffer, header: string | undefined, now = Date.now()): boolean {
  if (!header) return false;
  const parts = header.split(',').map((part) => part.trim().split('=') as [string, string | undefined]);
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > WEBHOOK_SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(digest(secret, timestamp, body));
  return parts.some(([key, value]) => key === 'v1' && value !== undefined && value.length === expected.length && timingSafeEqual(Buffer.from(value), expected));
}
