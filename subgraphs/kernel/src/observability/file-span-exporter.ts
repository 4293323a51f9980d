import { appendFileSync } from 'node:fs';
import { ExportResultCode, hrTimeToMicroseconds, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { SpanKind } from './otel-api.js';

/** One span, one line of a traces file (OTEL_TRACES_EXPORTER=file; `npm run traces` prints them as trees). */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: string;
  service: string;
  /** Start, in microseconds since the epoch. */
  startUs: number;
  durationUs: number;
  status: 'ok' | 'error' | 'unset';
  attributes: Record<string, unknown>;
  links: { traceId: string; spanId: string }[];
}

export function spanRecord(span: ReadableSpan): SpanRecord {
  return {
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    name: span.name,
    kind: SpanKind[span.kind].toLowerCase(),
    service: String(span.resource.attributes['service.name'] ?? ''),
    startUs: hrTimeToMicroseconds(span.startTime),
    durationUs: hrTimeToMicroseconds(span.duration),
    status: (['unset', 'ok', 'error'] as const)[span.status.code],
    attributes: { ...span.attributes },
    links: span.links.map((link) => ({ traceId: link.context.traceId, spanId: link.context.spanId })),
  };
}

/** Appends each exported span to a JSON-lines file (several processes may share one: lines are appended whole). */
export class FileSpanExporter implements SpanExporter {
  constructor(private readonly file: string) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    try {
      appendFileSync(this.file, spans.map((span) => JSON.stringify(spanRecord(span)) + '\n').join(''));
      done({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  async shutdown(): Promise<void> {}
}
