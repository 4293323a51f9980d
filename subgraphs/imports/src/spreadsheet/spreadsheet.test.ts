import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, decodeText, detectDelimiter, readSheet, SheetError, sheetFormatOf } from './spreadsheet.js';

const csv = (text: string) => new TextEncoder().encode(text);

describe('reading CSV', () => {
  it('detects the delimiter of the first line, outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4')).toBe(',');
    expect(detectDelimiter('"x,y";b;c\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
  });

  it('reads headers and rows: a byte order mark, quoted newlines and delimiters, short rows, empty lines', async () => {
    const sheet = await readSheet(csv('\ufeffName;Note;Extra\r\n"Ada";"two\nlines";x\r\n\r\nBob;"a;b"\r\n'), 'CSV', 10);
    expect(sheet).toEqual({
      headers: ['Name', 'Note', 'Extra'],
      rows: [
        ['Ada', 'two\nlines', 'x'],
        ['Bob', 'a;b', ''],
      ],
    });
  });

  it('names empty and repeated headers', async () => {
    expect((await readSheet(csv('A,,A\n1,2,3\n'), 'CSV', 10)).headers).toEqual(['A', 'Column 2', 'A (2)']);
  });

  it('reads Windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeText(new Uint8Array([0x47, 0x72, 0xfc, 0xdf, 0x65]))).toBe('Grüße');
  });

  it('refuses an empty file and one with too many rows', async () => {
    await expect(readSheet(csv('\n\n'), 'CSV', 10)).rejects.toMatchObject({ reason: 'EMPTY' });
    await expect(readSheet(csv('A\n1\n2\n3\n'), 'CSV', 2)).rejects.toBeInstanceOf(SheetError);
    await expect(readSheet(csv('A\n1\n2\n3\n'), 'CSV', 2)).rejects.toMatchObject({ reason: 'TOO_MANY_ROWS' });
    expect((await readSheet(csv('A\n1\n2\n'), 'CSV', 2)).rows).toHaveLength(2);
  });

  it('knows CSV and XLSX by type or name, nothing else', () => {
    expect(sheetFormatOf('text/csv', 'x')).toBe('CSV');
    expect(sheetFormatOf('application/octet-stream', 'People.CSV')).toBe('CSV');
    expect(sheetFormatOf('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'x')).toBe('XLSX');
    expect(sheetFormatOf('text/plain', 'notes.txt')).toBeNull();
    expect(sheetFormatOf('application/pdf', 'a.pdf')).toBeNull();
  });
});

describe('reading XLSX', () => {
  it('reads the first sheet only: text, numbers, dates, formulas, rich text, empty cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('First');
    sheet.addRow(['Title', 'Count', 'When', 'Sum', 'Rich']);
    sheet.addRow(['One', 2, new Date('2026-01-02T00:00:00Z'), { formula: 'B2*2', result: 4 }, { richText: [{ text: 'bo' }, { text: 'ld' }] }]);
    sheet.addRow([]);
    sheet.addRow(['Two', null, new Date('2026-01-02T10:15:00Z')]);
    workbook.addWorksheet('Second').addRow(['Never']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await readSheet(bytes, 'XLSX', 10)).toEqual({
      headers: ['Title', 'Count', 'When', 'Sum', 'Rich'],
      rows: [
        ['One', '2', '2026-01-02', '4', 'bold'],
        ['Two', '', '2026-01-02T10:15:00.000Z', '', ''],
      ],
    });
  });

  it('refuses bytes that are no workbook', async () => {
    await expect(readSheet(csv('not a zip'), 'XLSX', 10)).rejects.toMatchObject({ reason: 'UNREADABLE' });
  });

  it('turns cell values into text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(true)).toBe('true');
    expect(cellText({ text: 'link', hyperlink: 'https://x' })).toBe('link');
    expect(cellText({ error: '#DIV/0!' })).toBe('');
  });
});
