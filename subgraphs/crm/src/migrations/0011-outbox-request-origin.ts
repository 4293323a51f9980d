import { outboxRequestOriginSql, type Migration } from '@cellgraph/kernel';

/** Events keep where their request came from (address, User-Agent): the audit log records it. */
export const outboxRequestOrigin: Migration = { id: '0011-outbox-request-origin', sql: outboxRequestOriginSql('crm') };
