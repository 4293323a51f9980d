/** The queue of a subgraph's own background jobs. */
export const jobQueueName = (subgraph: string) => `${subgraph}-jobs`;
