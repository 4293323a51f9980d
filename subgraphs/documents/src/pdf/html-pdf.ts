import { load } from 'cheerio';
import PDFDocument from 'pdfkit';

/** The part of a parsed node (cheerio's parser, domhandler) the renderer reads. */
interface AnyNode {
  type: string;
  data?: string;
  children?: AnyNode[];
}
interface Element extends AnyNode {
  type: 'tag';
  name: string;
  attribs: Record<string, string>;
  children: AnyNode[];
}

/** What a PDF shows: the title, the content (HTML with `data-field` sections), and who signed, if anyone. */
export interface PdfSource {
  title: string;
  html: string;
  /** `true`: track-changes marks shown (insertions underlined green, deletions struck red); `false`: the clean text. */
  redline: boolean;
  signatures?: readonly { name: string; email: string; signedAt: Date }[];
}

interface Style {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  inserted: boolean;
  deleted: boolean;
}
interface Run extends Style {
  text: string;
}

const PLAIN: Style = { bold: false, italic: false, underline: false, inserted: false, deleted: false };
const HEADING_SIZES: Record<string, number> = { h1: 20, h2: 16, h3: 14, h4: 12, h5: 11, h6: 11 };
const BODY_SIZE = 11;
const BLOCKS = new Set(['p', 'div', 'section', 'article', 'blockquote', 'ul', 'ol', 'li', 'table', 'tr', ...Object.keys(HEADING_SIZES)]);
const INSERTED_COLOR = '#1a7f37';
const DELETED_COLOR = '#cf222e';

/**
 * Renders a document to PDF with pdfkit, walking the HTML parsed by cheerio (never patterns on the
 * markup): headings, paragraphs, lists, bold/italic/underline, and the inline track-changes marks
 * (`<ins>`/`data-inserted`, `<del>`/`data-deleted`).
 */
export function renderPdf(source: PdfSource, options: { compress?: boolean } = {}): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: 56, compress: options.compress ?? true, info: { Title: source.title, Producer: 'Cellgraph documents' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font('Helvetica-Bold').fontSize(22).fillColor('black').text(source.title);
  pdf.moveDown();
  const $ = load(source.html);
  new Writer(pdf, source.redline).blocks($('body').contents().toArray() as unknown as AnyNode[], 0);
  if (source.signatures?.length) {
    pdf.moveDown().font('Helvetica-Bold').fontSize(14).fillColor('black').text('Signatures');
    for (const signature of source.signatures) {
      pdf.font('Helvetica').fontSize(BODY_SIZE).text(`Signed by ${signature.name} <${signature.email}> on ${signature.signedAt.toISOString()}`);
    }
  }
  pdf.end();
  return done;
}

class Writer {
  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly redline: boolean,
  ) {}

  /** Block-level children: each block on its own lines, inline runs between blocks gathered into one paragraph. */
  blocks(nodes: AnyNode[], indent: number): void {
    let inline: AnyNode[] = [];
    const flush = () => {
      this.paragraph(inline, BODY_SIZE, false, indent);
      inline = [];
    };
    for (const node of nodes) {
      if (isElement(node) && BLOCKS.has(node.name)) {
        flush();
        this.block(node, indent);
      } else inline.push(node);
    }
    flush();
  }

  private block(element: Element, indent: number): void {
    const tag = element.name;
    if (this.hiddenDeletion(element)) return;
    const children = element.children;
    if (tag in HEADING_SIZES) {
      this.pdf.moveDown(0.4);
      this.paragraph(children, HEADING_SIZES[tag]!, true, indent);
    } else if (tag === 'ul' || tag === 'ol') {
      let number = 0;
      for (const item of children.filter((child): child is Element => isElement(child) && child.name === 'li')) {
        if (this.hiddenDeletion(item)) continue;
        number += 1;
        this.listItem(item, tag === 'ol' ? `${number}. ` : '• ', indent);
      }
    } else if (tag === 'li') this.listItem(element, '• ', indent);
    else if (tag === 'blockquote') this.blocks(children, indent + 18);
    else this.blocks(children, indent);
  }

  private listItem(item: Element, bullet: string, indent: number): void {
    const children = item.children;
    const nested = children.filter((child) => isElement(child) && BLOCKS.has(child.name));
    const inline = children.filter((child) => !nested.includes(child));
    this.paragraph(inline, BODY_SIZE, false, indent + 14, bullet);
    if (nested.length) this.blocks(nested, indent + 14);
  }

  private paragraph(nodes: AnyNode[], size: number, bold: boolean, indent: number, prefix = ''): void {
    const runs = collapseSpaces(mergeRuns(nodes.flatMap((node) => this.runs(node, { ...PLAIN, bold }))));
    const text = runs.map((run) => run.text).join('');
    if (!text.trim()) return;
    if (prefix) runs.unshift({ ...PLAIN, text: prefix });
    const first = runs[0]!;
    first.text = first.text.replace(/^\s+/, '');
    runs.forEach((run, index) => {
      const last = index === runs.length - 1;
      this.pdf
        .font(fontOf(run))
        .fontSize(size)
        .fillColor(run.inserted ? INSERTED_COLOR : run.deleted ? DELETED_COLOR : 'black')
        .text(last ? run.text.replace(/\s+$/, '') : run.text, index === 0 ? this.pdf.page.margins.left + indent : undefined, undefined, {
          continued: !last,
          underline: run.underline || run.inserted,
          strike: run.deleted,
        });
    });
    this.pdf.moveDown(0.5);
  }

  /** The styled text runs of an inline node (deletions left out of the clean text, kept struck in a redline). */
  private runs(node: AnyNode, style: Style): Run[] {
    if (node.type === 'text') return [{ ...style, text: (node.data ?? '').replace(/\s+/g, ' ') }];
    if (!isElement(node)) return [];
    if (node.name === 'br') return [{ ...style, text: '\n' }];
    if (this.hiddenDeletion(node)) return [];
    const tag = node.name;
    const next: Style = {
      bold: style.bold || tag === 'strong' || tag === 'b',
      italic: style.italic || tag === 'em' || tag === 'i',
      underline: style.underline || tag === 'u',
      inserted: style.inserted || (this.redline && isInsertion(node)),
      deleted: style.deleted || (this.redline && isDeletion(node)),
    };
    return node.children.flatMap((child) => this.runs(child, next));
  }

  private hiddenDeletion(element: Element): boolean {
    return !this.redline && isDeletion(element);
  }
}

const isElement = (node: AnyNode): node is Element => node.type === 'tag';
const isInsertion = (element: Element) => element.name === 'ins' || element.attribs['data-inserted'] !== undefined;
const isDeletion = (element: Element) => element.name === 'del' || element.attribs['data-deleted'] !== undefined;

function fontOf(style: Style): string {
  if (style.bold && style.italic) return 'Helvetica-BoldOblique';
  if (style.bold) return 'Helvetica-Bold';
  if (style.italic) return 'Helvetica-Oblique';
  return 'Helvetica';
}

/** Neighbouring runs of one style become one (fewer PDF text operations). */
function mergeRuns(runs: Run[]): Run[] {
  const merged: Run[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (last && sameStyle(last, run)) last.text += run.text;
    else merged.push({ ...run });
  }
  return merged;
}

/** HTML's whitespace rule across runs: a space after a space (e.g. around a deletion left out) is dropped. */
function collapseSpaces(runs: Run[]): Run[] {
  let afterSpace = true;
  for (const run of runs) {
    run.text = run.text.replace(/ {2,}/g, ' ');
    if (afterSpace) run.text = run.text.replace(/^ +/, '');
    if (run.text) afterSpace = run.text.endsWith(' ') || run.text.endsWith('\n');
  }
  return runs.filter((run) => run.text);
}

const sameStyle = (a: Style, b: Style) =>
  a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.inserted === b.inserted && a.deleted === b.deleted;
