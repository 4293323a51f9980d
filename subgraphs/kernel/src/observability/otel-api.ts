import { createRequire } from 'node:module';
import type * as OpenTelemetryApi from '@opentelemetry/api';

// The API's CommonJS build, the one @apollo/gateway (CommonJS) loads: the ESM build would be a second
// instance whose tracers never see the provider registered through the other, so the gateway's own
// spans (plan, execute, fetch) would be lost. Every span of ours goes through this instance.
const api = createRequire(import.meta.url)('@opentelemetry/api') as typeof OpenTelemetryApi;

export const { context, propagation, SpanKind, SpanStatusCode, trace } = api;
