import type { Context } from '@opentelemetry/api';
import type { Response } from 'express';
import { runWithRequestContext, type RequestContext } from '../context/request-context.js';
import { REQUEST_ID_ATTRIBUTE, SpanKind, SpanStatusCode, trace, traceContext, tracer, type Span } from './tracing.js';

const SPAN = 'cellgraphSpan';

/**
 * Starts the server span of an HTTP request (a child of `parent`, e.g. the trace context a signed
 * request carried), kept in `res.locals` and ended with the response's status once it is sent.
 */
export function startServerSpan(res: Response, name: string, parent: Context = traceContext.active()): Span {
  const span = tracer.startSpan(name, { kind: SpanKind.SERVER }, parent);
  res.locals[SPAN] = span;
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return span;
}

/** The server span of the request `res` answers, if one was started. */
export const serverSpanOf = (res: Response): Span | undefined => res.locals[SPAN] as Span | undefined;

/**
 * Runs `next` (the rest of the request) with `request` as its request context and its server span
 * active, named by its request id — the id joins a trace to the request's log lines.
 */
export function runInRequest<T>(res: Response, request: RequestContext, next: () => T): T {
  const span = serverSpanOf(res);
  if (!span) return runWithRequestContext(request, next);
  span.setAttribute(REQUEST_ID_ATTRIBUTE, request.requestId);
  return traceContext.with(trace.setSpan(traceContext.active(), span), () => runWithRequestContext(request, next));
}
