import { readFileSync } from 'node:fs';
import type { SpanRecord } from '@cellgraph/kernel/core';

/**
 * `npm run traces -- <file> [traceId]`: prints the spans of a traces file (OTEL_TRACES_EXPORTER=file,
 * TRACES_FILE) as trees with durations — every trace, or the one given (a prefix will do); a trace
 * found by request id: `npm run traces -- <file> --request <id>`.
 */
const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: npm run traces -- <traces.jsonl> [traceId | --request <requestId>]');
  process.exit(1);
}
const spans: SpanRecord[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as SpanRecord);
const requestId = rest[0] === '--request' ? rest[1] : undefined;
const wanted = requestId
  ? new Set(spans.filter((span) => span.attributes['cellgraph.request_id'] === requestId).map((span) => span.traceId))
  : rest[0]
    ? new Set(spans.filter((span) => span.traceId.startsWith(rest[0])).map((span) => span.traceId))
    : new Set(spans.map((span) => span.traceId));
if (!wanted.size) {
  console.error('no such trace');
  process.exit(1);
}

const children = new Map<string | null, SpanRecord[]>();
const ids = new Set(spans.map((span) => span.spanId));
for (const span of spans.filter((s) => wanted.has(s.traceId))) {
  // A span whose parent is not in the file (another process's, not exported) is shown as a root.
  const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : null;
  children.set(parent, [...(children.get(parent) ?? []), span]);
}
const ms = (us: number) => `${(us / 1000).toFixed(1)} ms`;

function print(span: SpanRecord, depth: number, traceStart: number): void {
  const detail = [
    span.service,
    span.attributes['cellgraph.request_id'] && `request ${String(span.attributes['cellgraph.request_id'])}`,
    span.status === 'error' && 'ERROR',
  ]
    .filter(Boolean)
    .join(', ');
  const offset = `+${ms(span.startUs - traceStart)}`.padStart(11);
  console.log(`${offset} ${ms(span.durationUs).padStart(9)}  ${'  '.repeat(depth)}${span.name} [${span.kind}] (${detail})`);
  for (const child of (children.get(span.spanId) ?? []).sort((a, b) => a.startUs - b.startUs)) print(child, depth + 1, traceStart);
}

for (const root of (children.get(null) ?? []).sort((a, b) => a.startUs - b.startUs)) {
  console.log(`trace ${root.traceId}`);
  print(root, 0, root.startUs);
}
