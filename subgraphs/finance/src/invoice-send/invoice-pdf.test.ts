import { translator, type Translator } from '@cellgraph/kernel';
import { describe, expect, it } from 'vitest';
import { renderInvoicePdf, type InvoicePdfSource } from './invoice-pdf.js';

/** The text an uncompressed pdfkit PDF shows, in order (its text operators hold hex-encoded WinAnsi strings), and its page count. */
async function textOf(source: InvoicePdfSource, reader?: Translator): Promise<{ text: string; pages: number }> {
  const pdf = (await renderInvoicePdf(source, { compress: false, reader })).toString('latin1');
  expect(pdf.startsWith('%PDF-')).toBe(true);
  // One TJ operator per text call (kerning splits it into several strings); cells are joined by '|'.
  const text = [...pdf.matchAll(/\[(.*)\] TJ/g)]
    .map((operator) => [...operator[1]!.matchAll(/<([0-9a-f]*)>/g)].map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1')).join(''))
    .join('|');
  return { text, pages: pdf.match(/\/Type \/Page\b/g)!.length };
}

const SOURCE: InvoicePdfSource = {
  organizationName: 'Acme Ltd',
  customer: { name: 'Ada Lovelace', email: 'ada@customer.test' },
  number: 'INV-2026-0007',
  issueDate: '2026-03-01',
  dueDate: '2026-03-31',
  currency: 'EUR',
  lines: [
    { description: 'Design', quantity: '1.5', unitPrice: '100.05', taxRate: '19', amount: '150.08' },
    { description: 'Hosting', quantity: '1', unitPrice: '9.99', taxRate: '0', amount: '9.99' },
  ],
  subtotal: '160.07',
  discountTotal: '0.00',
  taxTotal: '28.52',
  total: '188.59',
  amountPaid: '0.00',
  amountDue: '188.59',
  memo: 'Thank you',
  terms: 'Net 30',
};

describe('renderInvoicePdf', () => {
  it('shows the organization, number, customer, dates, each line in its columns, the totals and the notes', async () => {
    const { text, pages } = await textOf(SOURCE);
    expect(pages).toBe(1);
    for (const part of ['Acme Ltd', 'Invoice INV-2026-0007', 'Ada Lovelace', 'ada@customer.test', 'Issue date: Mar 1, 2026', 'Due date: Mar 31, 2026'])
      expect(text).toContain(part);
    expect(text).toContain('Design|1.5|100.05|19|150.08');
    expect(text).toContain('Hosting|1|9.99|0|9.99');
    expect(text).toContain('Total (EUR)|188.59');
    expect(text).toContain('Amount due (EUR)|188.59');
    expect(text).not.toContain('Discount'); // none given
    expect(text).toContain('Notes|Thank you');
    expect(text).toContain('Terms|Net 30');
  });

  it('shows a discount, and continues the table on new pages for many lines', async () => {
    const lines = Array.from({ length: 80 }, (_, index) => ({ description: `Item ${index}`, quantity: '1', unitPrice: '1.00', taxRate: '0', amount: '1.00' }));
    const { text, pages } = await textOf({ ...SOURCE, lines, discountTotal: '5.00', memo: null, terms: null });
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain('Item 79|1|1.00|0|1.00');
    expect(text).toContain('Discount|-5.00');
    expect(text).not.toContain('Notes');
  });

  it('speaks the reader’s language, with its dates', async () => {
    const { text } = await textOf(SOURCE, translator('de-DE'));
    for (const part of ['Rechnung INV-2026-0007', 'Rechnungsempfänger', 'Rechnungsdatum: 01.03.2026', 'Fälligkeitsdatum: 31.03.2026', 'Gesamt (EUR)|188.59'])
      expect(text).toContain(part);
    expect(text).toContain('Anmerkungen|Thank you');
  });
});
