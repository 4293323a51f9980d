import { outboxRelayPolicySql, type Migration } from '@cellgraph/kernel';

/** The outbox relay reads and marks identity's events (the policy the kernel now adds to every outbox). */
export const outboxRelay: Migration = {
  id: '0003-outbox-relay',
  sql: outboxRelayPolicySql('identity'),
};
