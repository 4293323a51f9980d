import { outboxRequestOriginSql, type Migration } from '@cellgraph/kernel';

/** Events keep where their request came from (address, User-Agent): the audit log records it. */
export const outboxRequestOrigin: Migration = { id: '0013-outbox-request-origin', sql: outboxRequestOriginSql('identity') };
