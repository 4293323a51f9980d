import { trashSweepPolicySql, type Migration } from '@cellgraph/kernel';

export const trash: Migration = {
  id: '0004-trash',
  sql: trashSweepPolicySql('identity', 'teams'),
};
