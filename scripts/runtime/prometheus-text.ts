/** One sample of a scrape: `name{labels} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A scrape's samples by family (histograms' `_bucket`, `_sum`, `_count` under their family's name), with its TYPE. */
export interface Scrape {
  types: Map<string, string>;
  samples: Sample[];
  /** Samples of `name` (a sample name, e.g. `x_count`) whose labels include `labels`. */
  of(name: string, labels?: Record<string, string>): Sample[];
  /** Their sum. */
  sum(name: string, labels?: Record<string, string>): number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses the Prometheus text exposition format (0.0.4). */
export function parsePrometheusText(text: string): Scrape {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) types.set(type[1], type[2]);
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line.trim());
    if (!match) throw new Error(`Not a Prometheus sample: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key] = value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  const of = (name: string, labels: Record<string, string> = {}) =>
    samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  return { types, samples, of, sum: (name, labels) => of(name, labels).reduce((total, sample) => total + sample.value, 0) };
}

/**
 * The `q` quantile (0–1) of a histogram family's observations with `labels`, interpolated within
 * its buckets as Prometheus's histogram_quantile does; null without observations.
 */
export function histogramQuantile(scrape: Scrape, family: string, q: number, labels: Record<string, string> = {}): number | null {
  const buckets = new Map<number, number>();
  for (const sample of scrape.of(`${family}_bucket`, labels)) {
    const le = sample.labels.le === '+Inf' ? Infinity : Number(sample.labels.le);
    buckets.set(le, (buckets.get(le) ?? 0) + sample.value);
  }
  const sorted = [...buckets].sort(([a], [b]) => a - b);
  const total = sorted.at(-1)?.[1] ?? 0;
  if (!total) return null;
  const rank = q * total;
  let previous: [number, number] = [0, 0];
  for (const [le, count] of sorted) {
    if (count >= rank) {
      if (le === Infinity) return previous[0];
      return previous[0] + ((le - previous[0]) * (rank - previous[1])) / Math.max(count - previous[1], 1e-9);
    }
    previous = [le, count];
  }
  return previous[0];
}

/** Fetches and parses a /metrics endpoint. */
export async function scrape(url: string): Promise<Scrape> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return parsePrometheusText(await response.text());
}
