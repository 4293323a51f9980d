import type { Attributes, Context, Span, SpanKind as SpanKindType } from '@opentelemetry/api';
import { z } from 'zod';
import { parseEnv } from '../config/env.js';
import { context, propagation, SpanKind, SpanStatusCode, trace } from './otel-api.js';
import type { TracesExporter } from './tracing-sdk.js';

/** The tracer of every span Cellgraph creates itself (the gateway's query planner adds its own). */
export const tracer = trace.getTracer('cellgraph');

/** The attribute naming a span's request id (the id every hop and log line carries). */
export const REQUEST_ID_ATTRIBUTE = 'cellgraph.request_id';

export const tracingEnv = z.object({
  /** `otlp`, `console`, `file` or `none`; defaults to `otlp` when an OTLP endpoint is set, else `none`. */
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'console', 'file', 'none']).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /** The JSON-lines file of OTEL_TRACES_EXPORTER=file (read it with `npm run traces`). */
  TRACES_FILE: z.string().min(1).optional(),
});

export interface TracesTarget {
  exporter: TracesExporter;
  file?: string;
  serviceName?: string;
}

/** Where this process's spans go (parsed from `env`), or null when tracing is off (the default). */
export function tracesExporterOf(env: NodeJS.ProcessEnv = process.env): TracesTarget | null {
  const config = parseEnv('tracing', tracingEnv, env);
  const exporter = config.OTEL_TRACES_EXPORTER ?? (config.OTEL_EXPORTER_OTLP_ENDPOINT || config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? 'otlp' : 'none');
  if (exporter === 'none') return null;
  if (exporter === 'file' && !config.TRACES_FILE)
    throw new Error('Invalid tracing configuration:\n  - TRACES_FILE: is required with OTEL_TRACES_EXPORTER=file');
  return { exporter, file: config.TRACES_FILE, serviceName: config.OTEL_SERVICE_NAME };
}

let started: Promise<() => Promise<void>> | null = null;

/**
 * Starts this process's tracing when the environment configures an exporter; once per process
 * (several servers of one process share it). Off by default: without an exporter, no SDK is
 * loaded and every span below is a no-op. Resolves with a function flushing pending spans.
 */
export function startTracing(service: string, target: TracesTarget | null = tracesExporterOf()): Promise<() => Promise<void>> {
  if (!target) return Promise.resolve(async () => {});
  started ??= import('./tracing-sdk.js').then(({ registerTracing }) =>
    registerTracing({ ...target, serviceName: target.serviceName ?? `cellgraph-${service}` }),
  );
  return started;
}

/** Pending spans of this process exported (before it stops); nothing when tracing is off. */
export async function flushTracing(): Promise<void> {
  await (
    await started
  )?.();
}

/** The W3C trace context (`traceparent`, `tracestate`) of `ctx`, to send with a request or job. */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** The context a request or job's trace headers continue. */
export function contextFromTraceHeaders(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(context.active(), headers);
}

/** The trace and span ids of the active span, for log lines; empty outside a sampled span. */
export function activeTraceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** Runs `work` in a new active span (child of `parent`, default the active context), ended when it settles; a throw marks it failed. */
export async function inSpan<T>(
  name: string,
  options: { kind?: SpanKindType; attributes?: Attributes; parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        failSpan(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

export function failSpan(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

export { propagation, SpanKind, SpanStatusCode, context as traceContext, trace };
export type { TracesExporter };
export type { Span };
