import { idempotencySql, type Migration } from '@cellgraph/kernel';

export const idempotencyKeys: Migration = {
  id: '0003-idempotency',
  sql: idempotencySql('tasks'),
};
