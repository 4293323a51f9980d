import { describe, expect, it } from 'vitest';
import type { PublishedEvent } from '../events/outbox.js';
import { toGlobalId } from '../ids/global-id.js';
import { liveFieldEvents, liveFieldRoutes, liveRoutesAdmit } from './live-subscription.js';

const BOARD = '0190a000-0000-7000-8000-0000000000b1';
const OTHER = '0190a000-0000-7000-8000-0000000000b2';
const TASK = '0190a000-0000-7000-8000-0000000000e1';
const routes = { boardId: ['data.boardId', 'data.before.boardId'], id: ['subject.id'] };
const event = (data: Record<string, unknown>): PublishedEvent => ({
  id: 'e1',
  type: 'task.updated',
  orgId: null,
  actorId: null,
  actorApiKey: null,
  subject: { type: 'Task', id: TASK },
  data,
  requestId: null,
  occurredAt: new Date(0).toISOString(),
});

describe('liveRoutesAdmit', () => {
  it('admits an event about the argument (global or raw id), at any of its paths', () => {
    expect(liveRoutesAdmit(event({ boardId: BOARD }), routes, { boardId: toGlobalId('Board', BOARD) })).toBe(true);
    expect(liveRoutesAdmit(event({ boardId: OTHER, before: { boardId: BOARD } }), routes, { boardId: toGlobalId('Board', BOARD) })).toBe(true);
    expect(liveRoutesAdmit(event({}), routes, { id: TASK })).toBe(true);
  });

  it('skips an event about something else', () => {
    expect(liveRoutesAdmit(event({ boardId: OTHER }), routes, { boardId: toGlobalId('Board', BOARD) })).toBe(false);
    expect(liveRoutesAdmit(event({ boardId: BOARD }), routes, { id: toGlobalId('Task', OTHER) })).toBe(false);
  });

  it('admits when the argument is not given or the event does not say (the subgraph decides)', () => {
    expect(liveRoutesAdmit(event({ boardId: OTHER }), routes, { boardId: null })).toBe(true);
    expect(liveRoutesAdmit(event({ title: 'x' }), routes, { boardId: toGlobalId('Board', BOARD) })).toBe(true);
    expect(liveRoutesAdmit(event({ boardId: OTHER }), {}, { boardId: toGlobalId('Board', BOARD) })).toBe(true);
  });

  it('reads both forms of a field declaration', () => {
    expect(liveFieldEvents(['a.*'])).toEqual(['a.*']);
    expect(liveFieldRoutes(['a.*'])).toEqual({});
    expect(liveFieldEvents({ events: ['b'], routes })).toEqual(['b']);
    expect(liveFieldRoutes({ events: ['b'], routes })).toEqual(routes);
  });
});
