import { outboxTraceContextSql, type Migration } from '@cellgraph/kernel';

/** Events keep the trace context of the request or job that wrote them: their consumers continue its trace. */
export const outboxTraceContext: Migration = { id: '0006-outbox-trace-context', sql: outboxTraceContextSql('notifications') };
