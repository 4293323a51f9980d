import { describe, expect, it } from 'vitest';
import { AUDITED_EVENTS, cellEventConsumers, consumersOf, routedHandlers } from './consumers.js';

describe('the cell’s event routing', () => {
  const definitions = [
    { name: 'identity', audited: ['api_key.*', 'user.sign_in_failed'] },
    { name: 'tasks', audited: ['task.deleted'], consumes: ['entity.tagged'] },
    { name: 'collaboration', consumes: ['*'] },
    { name: 'audit', audited: ['audit.*'], consumes: [AUDITED_EVENTS] },
  ];

  it('routes to a consumer of AUDITED_EVENTS every pattern the cell’s subgraphs declare audited, and nothing else', () => {
    const routing = cellEventConsumers(definitions);
    expect(routing).toEqual({
      tasks: ['entity.tagged'],
      collaboration: ['*'],
      audit: ['api_key.*', 'audit.*', 'task.deleted', 'user.sign_in_failed'],
    });
    expect(consumersOf(routing, 'api_key.created')).toEqual(['collaboration', 'audit']);
    expect(consumersOf(routing, 'task.created')).toEqual(['collaboration']);
  });

  it('gives the AUDITED_EVENTS handler whatever was routed to it', () => {
    const handle = async () => {};
    expect(routedHandlers({ [AUDITED_EVENTS]: handle })).toEqual({ '*': handle });
    const other = { 'task.created': handle };
    expect(routedHandlers(other)).toBe(other);
  });
});
