/**
 * Figures per contestant and query (medians over the rounds), ratios to stock and to Hive, and the
 * targets of issue 14 for each Cellgraph contestant.
 */
import type { LoadFigures } from './load.js';

export interface Summary {
  rounds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerRequest: number;
}

export interface TargetCheck {
  contestant: string;
  target: string;
  actual: number;
  limit: number;
  passed: boolean;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export function summarize(runs: LoadFigures[]): Summary {
  return {
    rounds: runs.length,
    rps: median(runs.map((run) => run.rps)),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    cpuMsPerRequest: median(runs.map((run) => run.cpuMsPerRequest)),
  };
}

/** RPS ≥ 1.0× stock and ≥ 0.9× Hive on every query, CPU/request ≤ stock, peak RSS ≤ 1.2× stock. */
export function checkTargets(contestant: string, summaries: Record<string, Record<string, Summary>>, peakRssMib: Record<string, number>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const ratio = (actual: number, base: number) => actual / base;
  for (const [query, byContestant] of Object.entries(summaries)) {
    const ours = byContestant[contestant]!;
    const stock = byContestant.stock!;
    const hive = byContestant.hive!;
    checks.push({ contestant, target: `${query}: RPS / stock ≥ 1.0`, actual: ratio(ours.rps, stock.rps), limit: 1.0, passed: ours.rps >= stock.rps });
    checks.push({ contestant, target: `${query}: RPS / hive ≥ 0.9`, actual: ratio(ours.rps, hive.rps), limit: 0.9, passed: ours.rps >= 0.9 * hive.rps });
    checks.push({
      contestant,
      target: `${query}: CPU per request / stock ≤ 1.0`,
      actual: ratio(ours.cpuMsPerRequest, stock.cpuMsPerRequest),
      limit: 1.0,
      passed: ours.cpuMsPerRequest <= stock.cpuMsPerRequest,
    });
  }
  const rss = ratio(peakRssMib[contestant]!, peakRssMib.stock!);
  checks.push({ contestant, target: 'peak RSS / stock ≤ 1.2', actual: rss, limit: 1.2, passed: rss <= 1.2 });
  return checks;
}

const fixed = (value: number, digits = 1) => value.toFixed(digits).padStart(8);

export function formatTable(summaries: Record<string, Record<string, Summary>>, peakRssMib: Record<string, number>): string {
  const lines: string[] = [];
  for (const [query, byContestant] of Object.entries(summaries)) {
    const stock = byContestant.stock!;
    const hive = byContestant.hive!;
    lines.push(`${query}`, `  ${'gateway'.padEnd(22)}     RPS  ×stock   ×hive  p50 ms  p99 ms  CPU ms/req  ×stock`);
    for (const [name, summary] of Object.entries(byContestant)) {
      lines.push(
        `  ${name.padEnd(22)}${fixed(summary.rps, 0)}${fixed(summary.rps / stock.rps, 2)}${fixed(summary.rps / hive.rps, 2)}${fixed(summary.p50Ms)}${fixed(summary.p99Ms)}${fixed(summary.cpuMsPerRequest, 2).padStart(12)}${fixed(summary.cpuMsPerRequest / stock.cpuMsPerRequest, 2)}`,
      );
    }
  }
  lines.push('peak RSS (VmHWM)');
  for (const [name, mib] of Object.entries(peakRssMib)) lines.push(`  ${name.padEnd(22)}${fixed(mib, 0)} MiB  ×stock ${(mib / peakRssMib.stock!).toFixed(2)}`);
  return lines.join('\n');
}
