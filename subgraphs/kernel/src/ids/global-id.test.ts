import { describe, expect, it } from 'vitest';
import { fromGlobalId, parseGlobalId, toGlobalId } from './global-id.js';
import { isUuid, uuidv7 } from './uuid.js';

describe('uuidv7', () => {
  it('is a valid version 7 UUID that sorts by creation time', () => {
    const early = uuidv7(1_700_000_000_000);
    const late = uuidv7(1_700_000_000_001);
    expect(isUuid(early)).toBe(true);
    expect(early[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(early[19]);
    expect(early < late).toBe(true);
    const burst = Array.from({ length: 10_000 }, () => uuidv7());
    expect(new Set(burst).size).toBe(10_000);
    expect([...burst].sort()).toEqual(burst); // strictly increasing, also within a millisecond
  });
});

describe('global ids', () => {
  const uuid = '01890f5e-8a6e-7c3b-9d2a-1b2c3d4e5f60';

  it('round-trips type and uuid through an opaque string', () => {
    const id = toGlobalId('Task', uuid);
    expect(id).not.toContain(uuid);
    expect(parseGlobalId(id)).toEqual({ typeName: 'Task', uuid });
    expect(fromGlobalId('Task', id)).toBe(uuid);
  });

  it('rejects garbage, wrong types and non-canonical encodings', () => {
    expect(parseGlobalId('garbage')).toBeNull();
    expect(parseGlobalId(Buffer.from(`task:${uuid}`).toString('base64url'))).toBeNull();
    expect(parseGlobalId(Buffer.from(`Task:not-a-uuid`).toString('base64url'))).toBeNull();
    expect(parseGlobalId(`${toGlobalId('Task', uuid)}=`)).toBeNull();
    expect(() => fromGlobalId('User', toGlobalId('Task', uuid), 'assigneeId')).toThrow('assigneeId is not a valid User id');
  });
});
