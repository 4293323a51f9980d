import { describe, expect, it } from 'vitest';
import { signWebhook, signWebhookWithSecrets, webhookSignatureValid, WEBHOOK_SIGNATURE_TOLERANCE_SECONDS } from './webhook-signature.js';

const SECRET = 'whsec_0123456789abcdef0123456789abcdef';
const body = Buffer.from('{"id":"evt_1","type":"payment_intent.succeeded"}');
const now = Date.UTC(2026, 11, 6, 12, 0, 0);
const seconds = now / 1000;

describe('webhook signatures', () => {
  it('accepts its own signature and refuses an altered body, another secret or a malformed header', () => {
    const header = signWebhook(SECRET, body, seconds);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(webhookSignatureValid(SECRET, body, header, now)).toBe(true);
    expect(webhookSignatureValid(SECRET, Buffer.from(`${body.toString()} `), header, now)).toBe(false);
    expect(webhookSignatureValid('another secret', body, header, now)).toBe(false);
    for (const malformed of [undefined, '', 'v1=abc', `t=${seconds}`, `t=x,v1=${header.split('v1=')[1]}`]) {
      expect(webhookSignatureValid(SECRET, body, malformed, now)).toBe(false);
    }
  });

  it('refuses a timestamp outside the tolerance, either way, and accepts one at its edge', () => {
    const at = (offset: number) => signWebhook(SECRET, body, seconds + offset);
    expect(webhookSignatureValid(SECRET, body, at(-WEBHOOK_SIGNATURE_TOLERANCE_SECONDS), now)).toBe(true);
    expect(webhookSignatureValid(SECRET, body, at(-WEBHOOK_SIGNATURE_TOLERANCE_SECONDS - 1), now)).toBe(false);
    expect(webhookSignatureValid(SECRET, body, at(WEBHOOK_SIGNATURE_TOLERANCE_SECONDS + 1), now)).toBe(false);
  });

  it('accepts any of several v1 signatures (a secret being rotated)', () => {
    const old = signWebhook('the old secret', body, seconds).split(',')[1];
    const current = signWebhook(SECRET, body, seconds).split(',')[1];
    expect(webhookSignatureValid(SECRET, body, `t=${seconds},${old},${current}`, now)).toBe(true);
    expect(webhookSignatureValid(SECRET, body, `t=${seconds},${old}`, now)).toBe(false);
  });

  it('signs with several secrets at once, each valid on its own', () => {
    const header = signWebhookWithSecrets(['the new secret', 'the old secret'], body, seconds);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(webhookSignatureValid('the new secret', body, header, now)).toBe(true);
    expect(webhookSignatureValid('the old secret', body, header, now)).toBe(true);
    expect(webhookSignatureValid('a third secret', body, header, now)).toBe(false);
  });
});
