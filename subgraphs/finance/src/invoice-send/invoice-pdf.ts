import { translator, type Translator } from '@cellgraph/kernel';
import PDFDocument from 'pdfkit';
import { calendarDate } from './customer-language.js';
import { invoicePdfTexts as texts } from './messages.js';

/** What an invoice's PDF shows: who bills whom, the dates, the lines and the amounts (exact decimal text, already rounded). */
export interface InvoicePdfSource {
  organizationName: string;
  customer: { name: string; email: string | null };
  number: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  lines: readonly { description: string; quantity: string; unitPrice: string; taxRate: string; amount: string }[];
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  total: string;
  amountPaid: string;
  amountDue: string;
  memo: string | null;
  terms: string | null;
}

const MARGIN = 56;
const BODY = 10;
/** The lines table: x of each column's left edge and its width (A4 is 595pt wide; 483pt between the margins). */
const COLUMNS = [
  { title: texts.description, x: MARGIN, width: 215, align: 'left' },
  { title: texts.quantity, x: MARGIN + 220, width: 50, align: 'right' },
  { title: texts.unitPrice, x: MARGIN + 275, width: 80, align: 'right' },
  { title: texts.taxRate, x: MARGIN + 360, width: 40, align: 'right' },
  { title: texts.amount, x: MARGIN + 403, width: 80, align: 'right' },
] as const;

/**
 * Renders an invoice to PDF with pdfkit (the library documents' PDFs use): a header with the
 * organization and the number, the customer and dates, a table of the lines, the totals and the
 * notes, its texts and dates in the `reader`'s language (the organization's default for its
 * customers). `compress: false` keeps the text readable in the bytes (tests).
 */
export function renderInvoicePdf(source: InvoicePdfSource, options: { compress?: boolean; reader?: Translator } = {}): Promise<Buffer> {
  const reader = options.reader ?? translator();
  const { currency } = source;
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    info: { Title: reader.t(texts.title, { number: source.number }), Author: source.organizationName, Producer: 'Cellgraph finance' },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.fillColor('black').font('Helvetica-Bold').fontSize(20).text(source.organizationName);
  pdf
    .font('Helvetica')
    .fontSize(14)
    .text(reader.t(texts.title, { number: source.number }));
  pdf.moveDown();
  pdf.fontSize(BODY).font('Helvetica-Bold').text(reader.t(texts.billTo));
  pdf.font('Helvetica').text(source.customer.name);
  if (source.customer.email) pdf.text(source.customer.email);
  pdf.moveDown(0.5);
  pdf
    .text(reader.t(texts.issueDate, { date: calendarDate(reader, source.issueDate) }))
    .text(reader.t(texts.dueDate, { date: calendarDate(reader, source.dueDate) }))
    .text(reader.t(texts.currency, { currency }));
  pdf.moveDown();
  row(
    pdf,
    COLUMNS.map((column) => reader.t(column.title)),
    true,
  );
  for (const line of source.lines) row(pdf, [line.description, line.quantity, line.unitPrice, line.taxRate, line.amount], false);
  pdf.moveDown();
  const totals: [string, string, boolean][] = [
    [reader.t(texts.subtotal), source.subtotal, false],
    ...(Number(source.discountTotal) > 0 ? [[reader.t(texts.discount), `-${source.discountTotal}`, false] as [string, string, boolean]] : []),
    [reader.t(texts.tax), source.taxTotal, false],
    [reader.t(texts.total, { currency }), source.total, true],
    [reader.t(texts.paid), source.amountPaid, false],
    [reader.t(texts.amountDue, { currency }), source.amountDue, true],
  ];
  for (const [label, amount, bold] of totals) row(pdf, ['', '', label, '', amount], bold, [0, 0, 1, 0, 0]);
  for (const [title, text] of [
    [reader.t(texts.notes), source.memo],
    [reader.t(texts.terms), source.terms],
  ] as const) {
    if (!text) continue;
    pdf.moveDown().font('Helvetica-Bold').fontSize(BODY).text(title, MARGIN).font('Helvetica').text(text, MARGIN);
  }
  pdf.end();
  return done;
}

/** One table row at the current height: each cell in its column (`span` widens a cell over the next ones), the row as tall as its tallest cell. */
function row(pdf: PDFKit.PDFDocument, cells: string[], bold: boolean, span: number[] = []): void {
  if (pdf.y + 3 * BODY > pdf.page.height - MARGIN) pdf.addPage();
  const top = pdf.y;
  let bottom = top;
  pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(BODY);
  cells.forEach((cell, index) => {
    if (!cell) return;
    const column = COLUMNS[index]!;
    const spanned = COLUMNS[index + (span[index] ?? 0)]!;
    pdf.text(cell, column.x, top, { width: spanned.x + spanned.width - column.x, align: column.align });
    bottom = Math.max(bottom, pdf.y);
  });
  pdf.x = MARGIN;
  pdf.y = bottom + 4;
}
