import { describe, expect, it } from 'vitest';
import { renderPdf, type PdfSource } from './html-pdf.js';

/** The text an uncompressed pdfkit PDF shows, in order (its text operators hold hex-encoded WinAnsi strings). */
async function textOf(source: PdfSource): Promise<string> {
  const pdf = (await renderPdf(source, { compress: false })).toString('latin1');
  expect(pdf.startsWith('%PDF-')).toBe(true);
  return [...pdf.matchAll(/\[(.*)\] TJ/g)]
    .flatMap((operator) => [...operator[1]!.matchAll(/<([0-9a-f]*)>/g)].map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1')))
    .join('');
}

const CONTRACT = `<h1>Services agreement</h1>
<section data-field="scope"><p>The agency delivers <strong>four</strong> <em>posts</em> a month<del data-deleted="1"> by e-mail</del><ins data-inserted="1"> on Instagram</ins>.</p></section>
<ol><li>Kick-off</li><li>Monthly report</li></ol>
<ul><li>Fees <del>1000</del> <ins>1200</ins> EUR</li></ul>`;

describe('renderPdf', () => {
  it('renders headings, paragraphs and numbered and bulleted lists; the clean text drops deletions and keeps insertions', async () => {
    const text = await textOf({ title: 'Acme — SOW', html: CONTRACT, redline: false });
    expect(text).toContain('Acme');
    expect(text).toContain('Services agreement');
    expect(text).toContain('The agency delivers four posts a month on Instagram.');
    expect(text).not.toContain('by e-mail');
    expect(text).toContain('1. Kick-off');
    expect(text).toContain('2. Monthly report');
    expect(text).toContain('\x95 Fees 1200 EUR'); // • in WinAnsi
  });

  it('shows both sides of every change in a redline, and a signature block when signed', async () => {
    const signedAt = new Date('2026-12-06T02:00:00Z');
    const text = await textOf({ title: 'SOW', html: CONTRACT, redline: true, signatures: [{ name: 'Ada Client', email: 'ada@example.test', signedAt }] });
    expect(text).toContain('a month by e-mail on Instagram.');
    expect(text).toContain('Fees 1000 1200 EUR');
    expect(text).toContain('Signed by Ada Client <ada@example.test> on 2026-12-06T02:00:00.000Z');
  });

  it('keeps inserted words in both modes and deleted words in the redline only, whatever the nesting', async () => {
    const cases = [
      { html: '<p>kept <ins>added</ins> <del>removed</del></p>', clean: 'kept added', redline: 'kept added removed' },
      {
        html: '<p><strong>kept <span data-inserted="1">added</span></strong> <em data-deleted="1">removed</em></p>',
        clean: 'kept added',
        redline: 'kept added removed',
      },
      { html: '<div><del><p>whole removed paragraph</p></del><p>kept</p></div>', clean: 'kept', redline: 'whole removed paragraphkept' },
    ];
    for (const { html, clean, redline } of cases) {
      const cleanText = await textOf({ title: 't', html, redline: false });
      expect(cleanText).toContain(clean);
      expect(cleanText).not.toContain('removed');
      expect(await textOf({ title: 't', html, redline: true })).toContain(redline);
    }
  });
});
