import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { FileSpanExporter } from './file-span-exporter.js';
import { context, propagation, trace } from './otel-api.js';

export type TracesExporter = 'otlp' | 'console' | 'file';

/**
 * The tracing SDK, loaded only when an exporter is configured (see `startTracing`): an
 * AsyncLocalStorage context manager (spans follow awaits), the W3C trace-context propagator, and
 * the exporter — OTLP over HTTP in batches (it reads the standard OTEL_EXPORTER_OTLP_* variables),
 * or each span as it ends to the console or a JSON-lines file.
 */
export async function registerTracing(options: { exporter: TracesExporter; serviceName: string; file?: string }): Promise<() => Promise<void>> {
  const processor = await spanProcessor(options);
  const provider = new TracerProvider({ resource: resourceFromAttributes({ 'service.name': options.serviceName }), spanProcessors: [processor] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return () => provider.forceFlush();
}

async function spanProcessor(options: { exporter: TracesExporter; file?: string }): Promise<SpanProcessor> {
  switch (options.exporter) {
    case 'otlp': {
      const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
      return new BatchSpanProcessor({ exporter: new OTLPTraceExporter() });
    }
    case 'console':
      return new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter() });
    case 'file':
      return new SimpleSpanProcessor({ exporter: new FileSpanExporter(options.file!) });
  }
}
