import { pino, type Logger, type LoggerOptions } from 'pino';
import { currentRequestContext } from '../context/request-context.js';
import { activeTraceIds } from '../observability/tracing.js';

export type { Logger } from 'pino';

/**
 * Structured JSON logs (to stdout, or appended to LOG_FILE). Every line written during a request
 * carries its request id, taken from the request context, so one id follows a request from the
 * edge through every hop; with tracing on, lines written within a span carry its `trace_id` and
 * `span_id`.
 */
export function createLogger(service: string, level: string | undefined = process.env.LOG_LEVEL, file: string | undefined = process.env.LOG_FILE): Logger {
  level ||= 'info';
  const options: LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const context = currentRequestContext();
      return context ? { requestId: context.requestId, ...activeTraceIds() } : activeTraceIds();
    },
    // Defence in depth: nothing logs inputs, but an error may carry SQL parameters.
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'headers.authorization',
        'err.parameters',
        '*.parameters',
        'variables',
        '*.variables',
      ],
      censor: '[redacted]',
    },
  };
  return file ? pino(options, pino.destination({ dest: file, append: true, sync: true })) : pino(options);
}
