import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseUrl } from 'node:url';
import { renderText, sendGraphQLError, text } from '@cellgraph/kernel/core';
import type { RequestHandler } from 'express';
import { gatewayMessages } from './messages.js';

export type PersistedDocumentsMode = 'enforce' | 'allow' | 'off';

/** The first-party app's name, sent in CLIENT_NAME_HEADER (HTTP) and `clientName` (connection_init). */
export const FIRST_PARTY_CLIENT = 'cellgraph-web';
export const CLIENT_NAME_HEADER = 'apollographql-client-name';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A manifest that cannot be used, or enforce mode without one: the gateway does not start. */
export class PersistedDocumentsError extends Error {
  override name = 'PersistedDocumentsError';
}

/** What a request names: a manifest hash (bare hex), a malformed identifier, or nothing. */
export type DocumentId = { hash: string } | { malformed: string } | null;

export type Decision =
  /** Nothing to do: the request goes on as it is. */
  | { kind: 'pass' }
  /** Run this document (and drop the request's hash). */
  | { kind: 'document'; query: string }
  | { kind: 'refuse'; code: string; message: string };

/**
 * `sha256:<hex>` or `<hex>` → the hex (lower case); anything else is malformed. GraphQL Code
 * Generator's client-preset writes `sha256:`-prefixed keys with `hashAlgorithm: 'sha256'`.
 */
export function normalizeHash(value: string): string | null {
  const hex = (value.startsWith('sha256:') ? value.slice('sha256:'.length) : value).toLowerCase();
  return SHA256_HEX.test(hex) ? hex : null;
}

/**
 * The document a request names: Apollo's APQ shape (`extensions.persistedQuery.sha256Hash`,
 * version 1) or the GraphQL-over-HTTP draft's `documentId: "sha256:<hex>"`.
 */
export function documentIdOf(extensions: unknown, documentId: unknown): DocumentId {
  const persistedQuery = isObject(extensions) ? extensions.persistedQuery : undefined;
  if (persistedQuery !== undefined && persistedQuery !== null) {
    if (!isObject(persistedQuery) || persistedQuery.version !== 1 || typeof persistedQuery.sha256Hash !== 'string') {
      return { malformed: 'extensions.persistedQuery must be { "version": 1, "sha256Hash": "<sha256 hex>" }' };
    }
    const hash = normalizeHash(persistedQuery.sha256Hash);
    return hash ? { hash } : { malformed: 'extensions.persistedQuery.sha256Hash is not a sha256 hex digest' };
  }
  if (documentId !== undefined && documentId !== null) {
    const hash = typeof documentId === 'string' && documentId.startsWith('sha256:') ? normalizeHash(documentId) : null;
    return hash ? { hash } : { malformed: 'documentId must be "sha256:<sha256 hex>"' };
  }
  return null;
}

/** Reads a manifest `{ "<sha256 hex>" | "sha256:<hex>": "<document>" }`, checking every hash against its document. */
export function readManifest(path: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PersistedDocumentsError(`Cannot read the persisted-documents manifest ${path}: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new PersistedDocumentsError(`The persisted-documents manifest ${path} must be a JSON object { "<sha256 hex>": "<document>" }`);
  const documents = new Map<string, string>();
  for (const [key, document] of Object.entries(parsed)) {
    const hash = normalizeHash(key);
    if (!hash || typeof document !== 'string') {
      throw new PersistedDocumentsError(`The persisted-documents manifest ${path} has an entry "${key}" that is not "<sha256 hex>": "<document>"`);
    }
    if (sha256(document) !== hash) throw new PersistedDocumentsError(`The persisted-documents manifest ${path}: "${key}" is not the sha256 of its document`);
    documents.set(hash, document);
  }
  return documents;
}

/**
 * The first-party app's operations, from the manifest its build emits. Clients cannot add documents
 * (there is no APQ registration); `mode` decides who must use them (see decide).
 */
export class PersistedDocuments {
  constructor(
    readonly mode: PersistedDocumentsMode,
    private readonly documents: ReadonlyMap<string, string>,
    readonly path: string | null = null,
  ) {}

  /** The manifest at `path` (null: none) in `mode`; refuses enforce mode without a manifest. */
  static load(mode: PersistedDocumentsMode, path: string | null): PersistedDocuments {
    if (mode === 'off') return new PersistedDocuments(mode, new Map());
    if (!path) {
      if (mode === 'enforce') {
        throw new PersistedDocumentsError(
          'PERSISTED_DOCUMENTS=enforce needs the app’s manifest: set PERSISTED_DOCUMENTS_PATH (or WEB_DIST_DIR to a build holding persisted-documents.json), or set PERSISTED_DOCUMENTS=allow',
        );
      }
      return new PersistedDocuments(mode, new Map());
    }
    return new PersistedDocuments(mode, readManifest(path), path);
  }

  get size(): number {
    return this.documents.size;
  }

  /**
   * What to do with a request carrying `query` (the document text, if any) and `id` (a hash, if
   * any), from the first-party app or not:
   * - a hash in the manifest → its document, in every mode but `off`;
   * - a hash not in the manifest → 400 PERSISTED_QUERY_NOT_FOUND, unless the request also carries a
   *   full document it may send (then that document runs; nothing is registered);
   * - `enforce`: a full document from the first-party app → 400 PERSISTED_DOCUMENT_REQUIRED;
   * - `off`: any hash → 400 PERSISTED_QUERY_NOT_SUPPORTED.
   */
  decide(request: { query: unknown; id: DocumentId; firstParty: boolean }): Decision {
    const { id, firstParty } = request;
    const query = typeof request.query === 'string' && request.query.trim() ? request.query : null;
    const mustPersist = this.mode === 'enforce' && firstParty;
    if (!id) {
      if (mustPersist && query) {
        return {
          kind: 'refuse',
          code: 'PERSISTED_DOCUMENT_REQUIRED',
          message: renderText(text(gatewayMessages.persistedDocumentRequired, { client: FIRST_PARTY_CLIENT })),
        };
      }
      return { kind: 'pass' };
    }
    if (this.mode === 'off') {
      return {
        kind: 'refuse',
        code: 'PERSISTED_QUERY_NOT_SUPPORTED',
        message: renderText(gatewayMessages.persistedDocumentsOff),
      };
    }
    if ('hash' in id) {
      const document = this.documents.get(id.hash);
      if (document !== undefined) return { kind: 'document', query: document };
    }
    if (query && !mustPersist) return { kind: 'document', query };
    return {
      kind: 'refuse',
      code: 'PERSISTED_QUERY_NOT_FOUND',
      message:
        'hash' in id
          ? renderText(text(gatewayMessages.persistedDocumentUnknown, { hash: id.hash }))
          : renderText(text(gatewayMessages.persistedDocumentMalformed, { reason: id.malformed })),
    };
  }
}

/**
 * Before Apollo on /graphql: a request naming a persisted document (POST body or GET parameters)
 * gets the manifest's document in `query`, its hash removed (Apollo's own APQ stays off); what
 * `decide` refuses is answered 400 with its code. The first-party app is the one that sends
 * `apollographql-client-name: cellgraph-web`.
 */
export function persistedDocumentsMiddleware(documents: PersistedDocuments): RequestHandler {
  return (req, res, next) => {
    const firstParty = req.header(CLIENT_NAME_HEADER) === FIRST_PARTY_CLIENT;
    const refuse = (decision: Extract<Decision, { kind: 'refuse' }>) => sendGraphQLError(res, 400, decision.code, decision.message);
    if (req.method === 'POST') {
      const body: unknown = req.body;
      if (!isObject(body)) return next(); // a batch (array) or no body: Apollo answers it
      const decision = documents.decide({ query: body.query, id: documentIdOf(body.extensions, body.documentId), firstParty });
      if (decision.kind === 'refuse') return refuse(decision);
      if (decision.kind === 'document') {
        body.query = decision.query;
        delete body.documentId;
        const extensions = withoutPersistedQuery(body.extensions);
        if (extensions) body.extensions = extensions;
        else delete body.extensions; // Apollo refuses `extensions` that is present but not an object
      }
      return next();
    }
    if (req.method === 'GET') {
      const { pathname, search } = parseUrl(req.url);
      const params = new URLSearchParams(search ?? '');
      let extensions: unknown;
      try {
        extensions = params.has('extensions') ? JSON.parse(params.get('extensions')!) : undefined;
      } catch {
        return next(); // Apollo answers malformed extensions
      }
      const decision = documents.decide({ query: params.get('query'), id: documentIdOf(extensions, params.get('documentId') ?? undefined), firstParty });
      if (decision.kind === 'refuse') return refuse(decision);
      if (decision.kind === 'document') {
        params.set('query', decision.query);
        params.delete('documentId');
        const rest = withoutPersistedQuery(extensions);
        if (rest === undefined) params.delete('extensions');
        else params.set('extensions', JSON.stringify(rest));
        req.url = `${pathname ?? '/'}?${params.toString()}`;
      }
    }
    next();
  };
}

/** The document of a graphql-ws `subscribe` payload (the app sends `query: ''` with a hash), or the error to answer. */
export function subscribeDocument(
  documents: PersistedDocuments,
  payload: { query: string; extensions?: Record<string, unknown> | null; documentId?: unknown },
  firstParty: boolean,
): { query: string } | { code: string; message: string } {
  const decision = documents.decide({ query: payload.query, id: documentIdOf(payload.extensions, payload.documentId), firstParty });
  if (decision.kind === 'refuse') return { code: decision.code, message: decision.message };
  return { query: decision.kind === 'document' ? decision.query : payload.query };
}

function withoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  if (!isObject(extensions)) return undefined;
  const { persistedQuery: _dropped, ...rest } = extensions;
  return Object.keys(rest).length ? rest : undefined;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
