import { translator, uuidv7, type PublishedEvent } from '@cellgraph/kernel';
import { describe, expect, it } from 'vitest';
import { ROUTES } from './routes.js';

const event = (type: string, data: Record<string, unknown>): PublishedEvent => ({
  id: uuidv7(),
  type,
  orgId: uuidv7(),
  actorId: null,
  subject: { type: 'Document', id: uuidv7() },
  data,
  requestId: null,
  occurredAt: new Date().toISOString(),
});

const textsOf = (published: PublishedEvent, locale: string, timeZone = 'UTC') => {
  const routed = ROUTES[published.type]!(published)!;
  const reader = translator(locale, timeZone);
  return [routed.title(reader), routed.body(reader)];
};

describe('notification texts', () => {
  it('name a signed document’s signers in the reader’s language', () => {
    const signed = event('document.signed', {
      title: 'Retainer',
      signatureId: uuidv7(),
      recipients: [uuidv7()],
      signers: [
        { name: 'Ada First', email: 'ada@sign.test', order: 1 },
        { name: 'Bea Second', email: 'bea@sign.test', order: 2 },
      ],
    });
    expect(textsOf(signed, 'en-US')).toEqual(['“Retainer” was signed', 'Signed by Ada First, Bea Second.']);
    expect(textsOf(signed, 'de-DE')).toEqual(['„Retainer“ wurde unterschrieben', 'Unterschrieben von Ada First, Bea Second.']);
  });

  it('format money and calendar dates per locale, the date the same in every time zone', () => {
    const overdue = event('invoice.overdue', {
      number: 'INV-7',
      contactId: uuidv7(),
      createdBy: uuidv7(),
      currencyCode: 'EUR',
      total: '1234.50',
      amountDue: '1234.50',
      dueDate: '2026-11-30',
      from: 'sent',
    });
    expect(textsOf(overdue, 'en-US', 'America/Los_Angeles')).toEqual(['Invoice INV-7 is overdue', '€1,234.50 of €1,234.50 was due on Nov 30, 2026.']);
    expect(textsOf(overdue, 'de-DE', 'Asia/Tokyo')).toEqual([
      'Rechnung INV-7 ist überfällig',
      '1.234,50\u00a0€ von 1.234,50\u00a0€ waren am 30.11.2026 fällig.',
    ]);
  });

  it('tell the owners and admins the event names that a webhook endpoint was disabled', () => {
    const admins = [uuidv7(), uuidv7()];
    const disabled = event('webhook_endpoint.disabled', { url: 'https://hooks.example.com/in', consecutiveFailures: 15, recipients: admins });
    expect(ROUTES['webhook_endpoint.disabled']!(disabled)!.recipients).toEqual(admins);
    expect(textsOf(disabled, 'en-US')).toEqual([
      'A webhook endpoint was disabled',
      'https://hooks.example.com/in failed 15 deliveries in a row, so no more events are sent to it. Fix the receiver, then enable it again under Settings → Webhooks.',
    ]);
    expect(textsOf(disabled, 'de-DE')[1]).toContain('15 Zustellungen in Folge');
  });
});
