/**
 * `npm run bench -- exports [CSV|XLSX|JSON …]`: the constant memory of an export. Writes
 * BENCH_EXPORT_ROWS rows (default 1,000,000) through the export job's row writers to a temp file, in
 * pages of 100 nodes as the job gets them from the graph (the event loop turns between pages, as
 * it does while the job awaits the next page), and samples the process's memory every 10,000
 * rows. The graph and the upload are left out: they hold one page (100 nodes) and stream the file
 * (storeGeneratedFileFromDisk), so the writers are what could grow with the number of rows.
 *
 * Fails when memory after the first tenth of the rows grows by more than BENCH_EXPORT_MAX_GROWTH_MB
 * (default 64) — it would if rows were held.
 */
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataExportFormat } from '../../../subgraphs/exports/src/data-export/data-export.entity.js';
import { rowWriter } from '../../../subgraphs/exports/src/data-export/export-writers.js';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const MAX_GROWTH_MB = Number(process.env.BENCH_EXPORT_MAX_GROWTH_MB ?? 64);
const PAGE = 100;
const SAMPLE_EVERY = 10_000;
const COLUMNS = ['title', 'status', 'priority', 'dueDate', 'storyPoints', 'assignee.name', 'assignee.email', 'watchers.name', 'metadata'];
const MB = 1024 * 1024;

/** A task as the graph answers `nodes { title status priority dueDate storyPoints assignee { name email } watchers { name } metadata }`. */
const nodeOf = (n: number) => ({
  title: `Task ${n}: prepare the quarterly report for region ${n % 97}`,
  status: ['TODO', 'IN_PROGRESS', 'DONE'][n % 3],
  priority: n % 5 === 0 ? null : 'HIGH',
  dueDate: new Date(Date.UTC(2026, 0, 1) + (n % 365) * 86_400_000).toISOString(),
  storyPoints: n % 13,
  assignee: n % 4 === 0 ? null : { name: `Person ${n % 1000}`, email: `person${n % 1000}@example.com` },
  watchers: [{ name: `Watcher ${n % 7}` }, { name: `Watcher ${(n + 3) % 7}` }],
  metadata: { source: 'bench', sequence: n },
});

interface Sample {
  rows: number;
  rss: number;
  heap: number;
}

async function exportRows(format: DataExportFormat): Promise<{ ok: boolean }> {
  const path = join(tmpdir(), `cellgraph-export-bench-${process.pid}-${format}`);
  const writer = rowWriter(format, path, COLUMNS);
  const samples: Sample[] = [];
  const started = performance.now();
  try {
    for (let row = 0; row < ROWS;) {
      const count = Math.min(PAGE, ROWS - row);
      for (let i = 0; i < count; i++) await writer.write(nodeOf(row + i));
      row += count;
      // The job awaits the graph's next page here.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (row % SAMPLE_EVERY === 0 || row === ROWS) {
        const memory = process.memoryUsage();
        samples.push({ rows: row, rss: memory.rss, heap: memory.heapUsed });
      }
    }
    await writer.finish();
    const seconds = (performance.now() - started) / 1000;
    const { size } = await stat(path);
    const warm = samples.filter((sample) => sample.rows <= ROWS / 10);
    const baseline = Math.max(...warm.map((sample) => sample.rss));
    const peak = Math.max(...samples.map((sample) => sample.rss));
    const peakHeap = Math.max(...samples.map((sample) => sample.heap));
    const growth = (peak - baseline) / MB;
    const ok = growth <= MAX_GROWTH_MB;
    console.log(
      `${format.padEnd(4)} ${ROWS.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (${Math.round(ROWS / seconds).toLocaleString('en')} rows/s), file ${(size / MB).toFixed(1)} MiB; ` +
        `RSS after 10% ${(baseline / MB).toFixed(0)} MiB, peak ${(peak / MB).toFixed(0)} MiB (growth ${growth.toFixed(1)} MiB, limit ${MAX_GROWTH_MB}); peak heap ${(peakHeap / MB).toFixed(0)} MiB ${ok ? 'ok' : 'FAILED'}`,
    );
    return { ok };
  } finally {
    await rm(path, { force: true });
  }
}

export async function exportsMain(argv: string[]): Promise<number> {
  const formats = (argv.length ? argv : Object.values(DataExportFormat)).map((format) => format.toUpperCase() as DataExportFormat);
  let failed = 0;
  for (const format of formats) {
    if (!Object.values(DataExportFormat).includes(format)) {
      console.error(`Unknown format ${format}: CSV, XLSX or JSON`);
      return 2;
    }
    if (!(await exportRows(format)).ok) failed += 1;
  }
  return failed ? 1 : 0;
}
