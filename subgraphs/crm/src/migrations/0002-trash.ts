import { trashSweepPolicySql, type Migration } from '@cellgraph/kernel';

export const trash: Migration = {
  id: '0002-trash',
  sql: ['contacts', 'deals', 'pipelines', 'interactions'].map((table) => trashSweepPolicySql('crm', table)).join(''),
};
