import { EventSubscriber, type EntitySubscriberInterface } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent.js';
import { failSpan, SpanKind, trace, tracer } from './tracing.js';

/** One span per SQL statement, under the span that sent it (a request's, a job's); nothing outside a trace. Registered as a subscriber of each Database. */
@EventSubscriber()
export class SqlSpans implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent): void {
    if (!trace.getActiveSpan()?.isRecording()) return;
    const ended = Date.now();
    const statement = event.query.trimStart();
    const span = tracer.startSpan(statement.slice(0, statement.search(/\s|$/)).toUpperCase() || 'SQL', {
      kind: SpanKind.CLIENT,
      startTime: ended - (event.executionTime ?? 0),
      attributes: { 'db.system.name': 'postgresql', 'db.query.text': statement.slice(0, 1_000) },
    });
    if (!event.success) failSpan(span, event.error);
    span.end(ended);
  }
}
