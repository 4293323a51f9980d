import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { sessionLocations, takeRefreshTokens } from './session-selection.js';

const locationsOf = (source: string) => {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return sessionLocations(operation, fragments);
};

describe('sessionLocations', () => {
  it('finds refreshToken and its expiry under a session-issuing root field', () => {
    expect(locationsOf('mutation { sessionCreate(input: {}) { session { accessToken refreshToken refreshTokenExpiresAt } } }')).toEqual([
      { rootKey: 'sessionCreate', sessionKey: 'session', tokenKeys: ['refreshToken'], expiresAtKeys: ['refreshTokenExpiresAt'] },
    ]);
  });

  it('follows aliases at every level', () => {
    expect(locationsOf('mutation { in: userRegister(input: {}) { s: session { rt: refreshToken until: refreshTokenExpiresAt refreshToken } } }')).toEqual([
      { rootKey: 'in', sessionKey: 's', tokenKeys: ['rt', 'refreshToken'], expiresAtKeys: ['until'] },
    ]);
  });

  it('follows named and inline fragments, and merges what they select of one session', () => {
    const source = `
      mutation { ...Root }
      fragment Root on Mutation { a: sessionRefresh(input: {}) { ... on SessionPayload { session { ...Tokens } } session { refreshTokenExpiresAt } } }
      fragment Tokens on Session { refreshToken }`;
    expect(locationsOf(source)).toEqual([{ rootKey: 'a', sessionKey: 'session', tokenKeys: ['refreshToken'], expiresAtKeys: ['refreshTokenExpiresAt'] }]);
  });

  it('lists every session-issuing field of one mutation, and only those', () => {
    const source = `mutation {
      sessionMfaVerify(input: {}) { session { refreshToken } }
      invitationAccept(input: {}) { session { refreshToken } }
      sessionSwitchOrganization(input: {}) { session { refreshToken } }
      taskCreate(input: {}) { session { refreshToken } }
    }`;
    expect(locationsOf(source).map((l) => l.rootKey)).toEqual(['sessionMfaVerify', 'invitationAccept', 'sessionSwitchOrganization']);
  });

  it('ignores queries and sessions that do not select refreshToken', () => {
    expect(locationsOf('query { sessionCreate { session { refreshToken } } }')).toEqual([]);
    expect(locationsOf('mutation { sessionCreate(input: {}) { session { accessToken refreshTokenExpiresAt } } }')).toEqual([]);
  });
});

describe('takeRefreshTokens', () => {
  it('nulls every token in the data and returns the last one with its expiry', () => {
    const data = {
      a: { s: { rt: 'cg_rt_first', until: '2030-01-01T00:00:00.000Z' } },
      b: { session: { refreshToken: 'cg_rt_second' } },
      c: null,
    };
    const taken = takeRefreshTokens(data, [
      { rootKey: 'a', sessionKey: 's', tokenKeys: ['rt'], expiresAtKeys: ['until'] },
      { rootKey: 'b', sessionKey: 'session', tokenKeys: ['refreshToken'], expiresAtKeys: [] },
      { rootKey: 'c', sessionKey: 'session', tokenKeys: ['refreshToken'], expiresAtKeys: [] },
    ]);
    expect(taken).toEqual({ token: 'cg_rt_second', expiresAt: null });
    expect(data).toEqual({ a: { s: { rt: null, until: '2030-01-01T00:00:00.000Z' } }, b: { session: { refreshToken: null } }, c: null });
  });

  it('returns the expiry of the token it took', () => {
    const data = { a: { session: { refreshToken: 'cg_rt_x', e: '2030-01-01T00:00:00.000Z' } } };
    expect(takeRefreshTokens(data, [{ rootKey: 'a', sessionKey: 'session', tokenKeys: ['refreshToken'], expiresAtKeys: ['e'] }])).toEqual({
      token: 'cg_rt_x',
      expiresAt: new Date('2030-01-01T00:00:00.000Z'),
    });
  });

  it('takes nothing from a session that is null (a userError)', () => {
    expect(takeRefreshTokens({ a: { session: null } }, [{ rootKey: 'a', sessionKey: 'session', tokenKeys: ['refreshToken'], expiresAtKeys: [] }])).toBeNull();
  });
});
