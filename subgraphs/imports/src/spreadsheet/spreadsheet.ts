import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** A spreadsheet as the import reads it: the first row's headers, then every further non-empty row's cells as text. */
export interface Sheet {
  headers: string[];
  rows: string[][];
}

export type SheetFormat = 'CSV' | 'XLSX';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Why a file could not be read (the service answers a coded userError). */
export class SheetError extends Error {
  override name = 'SheetError';
  constructor(
    readonly reason: 'UNSUPPORTED' | 'UNREADABLE' | 'EMPTY' | 'TOO_MANY_ROWS',
    message: string,
  ) {
    super(message);
  }
}

/** CSV or XLSX, by the file's type and name; null when neither. */
export function sheetFormatOf(contentType: string, name: string): SheetFormat | null {
  const type = contentType.toLowerCase().split(';')[0]!.trim();
  const lower = name.toLowerCase();
  if (type === XLSX_TYPE || lower.endsWith('.xlsx')) return 'XLSX';
  if (type === 'text/csv' || lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'CSV';
  return null;
}

/** Reads a CSV or XLSX file: at most `maxRows` rows after the headers (more: TOO_MANY_ROWS). */
export async function readSheet(bytes: Uint8Array, format: SheetFormat, maxRows: number): Promise<Sheet> {
  const table = format === 'CSV' ? await readCsvRows(decodeText(bytes), maxRows + 1) : await readXlsxRows(bytes, maxRows + 1);
  const [headerRow, ...rows] = table.filter((row) => row.some((cell) => cell.trim() !== ''));
  if (!headerRow) throw new SheetError('EMPTY', 'The file has no rows');
  const headers = uniqueHeaders(headerRow);
  if (rows.length > maxRows) throw new SheetError('TOO_MANY_ROWS', `The file has more than ${maxRows} rows`);
  return { headers, rows: rows.map((row) => headers.map((_, index) => (row[index] ?? '').trim())) };
}

/** UTF-8 (a byte order mark dropped); bytes that are not UTF-8 are read as Windows-1252 (spreadsheets saved as "CSV" on Windows). */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The delimiter of a CSV: the one of `,` `;` tab found most often in its first line, outside quotes (default `,`). */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

async function readCsvRows(text: string, limit: number): Promise<string[][]> {
  const parser = parse({ delimiter: detectDelimiter(text), bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true });
  const rows: string[][] = [];
  const reading = (async () => {
    for await (const record of parser as AsyncIterable<string[]>) {
      rows.push(record);
      // One more than allowed is enough to know there are too many.
      if (rows.length > limit + 1) break;
    }
  })();
  parser.end(text);
  try {
    await reading;
  } catch (error) {
    throw new SheetError('UNREADABLE', `The CSV cannot be read: ${(error as Error).message}`);
  }
  return rows;
}

/** The first worksheet of an XLSX, streamed (exceljs's reader: rows as they are read, shared strings cached). */
async function readXlsxRows(bytes: Uint8Array, limit: number): Promise<string[][]> {
  const rows: string[][] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      // Styles tell dates from numbers.
      styles: 'cache',
    });
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = (row.values as unknown[]).slice(1);
        rows[row.number - 1] = values.map(cellText);
        if (rows.length > limit + 1) break;
      }
      break;
    }
  } catch (error) {
    throw new SheetError('UNREADABLE', `The XLSX cannot be read: ${(error as Error).message}`);
  }
  // Rows the sheet skipped (entirely empty) are empty rows.
  return Array.from(rows, (row) => row ?? []);
}

/** A cell's value as text: dates as ISO (a date alone when at midnight), formulas as their result, rich text as its text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown; hyperlink?: string };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if (cell.text !== undefined) return cellText(cell.text);
    if (cell.error !== undefined) return '';
    return '';
  }
  return String(value);
}

/** Headers as given, trimmed; an empty one becomes "Column N", a repeated one gets " (2)". */
function uniqueHeaders(row: string[]): string[] {
  const seen = new Map<string, number>();
  return row.map((cell, index) => {
    const base = cell.trim() || `Column ${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}
