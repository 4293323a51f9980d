import { Kind, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** The mutation root fields that answer a session (SessionPayload / SessionCreatePayload) with a new refresh token. */
export const SESSION_ISSUING_FIELDS: ReadonlySet<string> = new Set([
  'sessionCreate',
  'sessionMfaVerify',
  'userRegister',
  'invitationAccept',
  'sessionSwitchOrganization',
  'sessionRefresh',
]);

/** Where one `session` of a response sits, by response keys (aliases), and its refresh token's keys in it. */
export interface SessionLocation {
  rootKey: string;
  sessionKey: string;
  /** Response keys of `refreshToken` (several when it is selected under several aliases). */
  tokenKeys: string[];
  /** Response keys of `refreshTokenExpiresAt`. */
  expiresAtKeys: string[];
}

const responseKey = (field: FieldNode) => field.alias?.value ?? field.name.value;

/** The fields a selection set selects, fragments (inline and named) flattened. */
function fieldsOf(selectionSet: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  return (selectionSet?.selections ?? []).flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    if (seen.has(name) || !fragments[name]) return []; // validation refuses cycles; never loop on one
    return fieldsOf(fragments[name].selectionSet, fragments, new Set([...seen, name]));
  });
}

/**
 * Every `session` a mutation's response carries under a session-issuing root field: root field
 * response key → `session` response key → the response keys of `refreshToken` and
 * `refreshTokenExpiresAt`. Only sessions selecting `refreshToken` are listed.
 */
export function sessionLocations(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): SessionLocation[] {
  if (operation.operation !== 'mutation') return [];
  const found = new Map<string, SessionLocation>();
  for (const root of fieldsOf(operation.selectionSet, fragments)) {
    if (!SESSION_ISSUING_FIELDS.has(root.name.value)) continue;
    for (const session of fieldsOf(root.selectionSet, fragments)) {
      if (session.name.value !== 'session') continue;
      const rootKey = responseKey(root);
      const sessionKey = responseKey(session);
      const location = found.get(JSON.stringify([rootKey, sessionKey])) ?? { rootKey, sessionKey, tokenKeys: [], expiresAtKeys: [] };
      for (const field of fieldsOf(session.selectionSet, fragments)) {
        const keys = field.name.value === 'refreshToken' ? location.tokenKeys : field.name.value === 'refreshTokenExpiresAt' ? location.expiresAtKeys : null;
        if (keys && !keys.includes(responseKey(field))) keys.push(responseKey(field));
      }
      found.set(JSON.stringify([rootKey, sessionKey]), location);
    }
  }
  return [...found.values()].filter((location) => location.tokenKeys.length > 0);
}

/** A refresh token taken out of a response, with its expiry when the response selected it. */
export interface TakenRefreshToken {
  token: string;
  expiresAt: Date | null;
}

/**
 * Replaces every refresh token at `locations` in `data` with null and returns the last one found
 * (one cookie holds one token: a document issuing several sessions keeps the last).
 */
export function takeRefreshTokens(data: Record<string, unknown> | null | undefined, locations: readonly SessionLocation[]): TakenRefreshToken | null {
  let taken: TakenRefreshToken | null = null;
  for (const { rootKey, sessionKey, tokenKeys, expiresAtKeys } of locations) {
    const session = (data?.[rootKey] as Record<string, unknown> | null | undefined)?.[sessionKey] as Record<string, unknown> | null | undefined;
    if (!session) continue;
    for (const key of tokenKeys) {
      const token = session[key];
      if (typeof token !== 'string') continue;
      const expiresAt = expiresAtKeys.map((k) => session[k]).find((value): value is string => typeof value === 'string');
      taken = { token, expiresAt: expiresAt && !Number.isNaN(Date.parse(expiresAt)) ? new Date(expiresAt) : null };
      session[key] = null;
    }
  }
  return taken;
}
