import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { stringify, type Stringifier } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { spreadsheetSafe } from '@cellgraph/kernel';
import { DataExportFormat } from './data-export.entity.js';
import { cellOf } from './export-query.js';

/*
 * Writers of an export's rows to a file on disk, one row at a time: whatever the number of rows,
 * a writer holds one row and the streams' buffers (it waits for `drain` when the disk is slower).
 */

/** Writes rows to a file; `finish` closes it. */
export interface RowWriter {
  write(node: unknown): Promise<void>;
  finish(): Promise<void>;
  /** Stops without finishing (the file is left to be removed). */
  abort(): void;
}

/** Content type and extension of each format (all among the files module's default FILE_ALLOWED_TYPES). */
export const FORMAT_FILES: Record<DataExportFormat, { contentType: string; extension: string }> = {
  [DataExportFormat.CSV]: { contentType: 'text/csv', extension: 'csv' },
  [DataExportFormat.XLSX]: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  [DataExportFormat.JSON]: { contentType: 'application/json', extension: 'json' },
};

export function rowWriter(format: DataExportFormat, path: string, columns: readonly string[]): RowWriter {
  if (format === DataExportFormat.CSV) return csvWriter(path, columns);
  if (format === DataExportFormat.XLSX) return xlsxWriter(path, columns);
  return jsonWriter(path);
}

const rowOf = (node: unknown, columns: readonly string[]) => columns.map((column) => spreadsheetSafe(cellOf(node, column)));

async function written(stream: Stringifier | WriteStream, chunk: unknown): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** RFC 4180 CSV (csv-stringify), a header row of the columns, booleans as true/false. */
function csvWriter(path: string, columns: readonly string[]): RowWriter {
  const file = createWriteStream(path);
  const csv = stringify({ header: true, columns: [...columns], cast: { boolean: (value) => String(value) } });
  csv.pipe(file);
  return {
    write: (node) => written(csv, rowOf(node, columns)),
    async finish() {
      csv.end();
      await finished(file);
    },
    abort: () => {
      csv.destroy();
      file.destroy();
    },
  };
}

/** One JSON array of the nodes as the query selected them (nested objects kept), one node per line. */
function jsonWriter(path: string): RowWriter {
  const file = createWriteStream(path);
  let first = true;
  return {
    async write(node) {
      await written(file, `${first ? '[\n' : ',\n'}${JSON.stringify(node)}`);
      first = false;
    },
    async finish() {
      file.end(first ? '[]\n' : '\n]\n');
      await finished(file);
    },
    abort: () => file.destroy(),
  };
}

/** An XLSX workbook written as a stream (exceljs WorkbookWriter, no shared strings, no styles): each row is committed once added. */
function xlsxWriter(path: string, columns: readonly string[]): RowWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('Export');
  sheet.addRow([...columns]).commit();
  return {
    // Committed rows are written out by the zip stream while the next page is asked for.
    write: async (node) => sheet.addRow(rowOf(node, columns)).commit(),
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
    abort: () => undefined,
  };
}
