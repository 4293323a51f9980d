import { describe, expect, it } from 'vitest';
import { TrackedFields } from './tracked-fields.js';

class Probe {
  title = '';
  due: Date | null = null;
  labels: string[] = [];
  meta?: Record<string, unknown> | null;
  untracked = 0;
}

const tracked = TrackedFields.of(Probe, ['title', 'due', 'labels', 'meta']);
const probe = (values: Partial<Probe>) => Object.assign(new Probe(), values);

describe('TrackedFields', () => {
  it('snapshots only the tracked fields', () => {
    expect(tracked.snapshot(probe({ title: 'a', untracked: 5 }))).toEqual({ title: 'a', due: null, labels: [], meta: undefined });
  });

  it('compares values by content: dates, arrays and objects equal by value, undefined as null', () => {
    const before = tracked.snapshot(probe({ due: new Date('2026-01-01T00:00:00Z'), labels: ['x'], meta: { a: 1 } }));
    const after = tracked.snapshot(probe({ due: new Date('2026-01-01T00:00:00Z'), labels: ['x'], meta: { a: 1 } }));
    expect(tracked.changed(before, after)).toEqual([]);
    expect(tracked.change(before, after)).toBeNull();
    expect(tracked.changed(tracked.snapshot(probe({ meta: undefined })), tracked.snapshot(probe({ meta: null })))).toEqual([]);
  });

  it('reports the changed fields in declaration order with their values before and after', () => {
    const before = tracked.snapshot(probe({ title: 'a', labels: ['x'] }));
    const after = tracked.snapshot(probe({ title: 'b', labels: ['x', 'y'], untracked: 9 }));
    expect(tracked.change(before, after)).toEqual({
      fields: ['title', 'labels'],
      before: { title: 'a', labels: ['x'] },
      after: { title: 'b', labels: ['x', 'y'] },
    });
    expect(tracked.pick(after, ['title'])).toEqual({ title: 'b' });
  });
});
