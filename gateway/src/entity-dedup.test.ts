import { describe, expect, it } from 'vitest';
import { dedupeEntities } from './entity-dedup.js';

const user = (id: string) => ({ __typename: 'User', id });
const request = (representations: unknown[]) => ({
  query: 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { name } } }',
  variables: { representations },
});

describe('entity representation dedup', () => {
  it('sends each representation once and answers every position, errors included', () => {
    const deduped = dedupeEntities(request([user('a'), user('b'), user('a'), user('a')]))!;
    expect(deduped.request.variables!.representations).toEqual([user('a'), user('b')]);
    const answer = deduped.fanOut({
      data: { _entities: [{ name: 'Ann' }, null] },
      errors: [{ message: 'denied', path: ['_entities', 1] }, { message: 'other' }] as never,
    });
    expect(answer.data).toEqual({ _entities: [{ name: 'Ann' }, null, { name: 'Ann' }, { name: 'Ann' }] });
    // Each position gets its own object: the plan merges later fetches into each in place.
    const entities = (answer.data as { _entities: object[] })._entities;
    expect(entities[2]).not.toBe(entities[0]);
    expect(answer.errors).toEqual([{ message: 'denied', path: ['_entities', 1] }, { message: 'other' }]);
  });

  it('fans an error of a repeated representation out to each of its positions', () => {
    const deduped = dedupeEntities(request([user('a'), user('a')]))!;
    const answer = deduped.fanOut({ data: { _entities: [null] }, errors: [{ message: 'denied', path: ['_entities', 0, 'name'] }] as never });
    expect(answer.errors!.map((error) => error.path)).toEqual([
      ['_entities', 0, 'name'],
      ['_entities', 1, 'name'],
    ]);
  });

  it('leaves a request without repeated representations alone', () => {
    expect(dedupeEntities(request([user('a'), user('b')]))).toBeNull();
    expect(dedupeEntities({ query: '{ me { id } }', variables: {} })).toBeNull();
  });
});
