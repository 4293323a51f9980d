import { describe, expect, it } from 'vitest';
import { keepEntityTypenames } from './entity-typenames.js';

const request = (representations: unknown[]) => ({
  query: 'query($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }',
  variables: { representations },
});

describe('keepEntityTypenames', () => {
  it('drops a __typename that only repeats the representation’s, and keeps one that says more', () => {
    const response = {
      data: {
        _entities: [{ __typename: 'Node', activity: {} }, { __typename: 'Task', title: 'A' }, null, { __typename: 'Contact', name: 'B' }],
      },
    };
    const kept = keepEntityTypenames(
      request([
        { __typename: 'Node', id: '1' },
        { __typename: 'Task', id: '2' },
        { __typename: 'Task', id: '3' },
        { __typename: 'Node', id: '4' },
      ]) as never,
      response as never,
    );
    expect(kept.data).toEqual({ _entities: [{ activity: {} }, { title: 'A' }, null, { __typename: 'Contact', name: 'B' }] });
  });

  it('leaves other answers alone', () => {
    const response = { data: { task: { __typename: 'Task' } } };
    expect(keepEntityTypenames({ query: '{ task { __typename } }' } as never, response as never)).toEqual({ data: { task: { __typename: 'Task' } } });
    const short = { data: { _entities: [{ __typename: 'Node' }] } };
    expect(keepEntityTypenames(request([{ __typename: 'Node' }, { __typename: 'Node' }]) as never, short as never)).toEqual(short);
  });
});
