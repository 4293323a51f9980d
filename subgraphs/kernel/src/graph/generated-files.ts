import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { CodedError, ErrorCode, serviceUnavailable } from '../errors/coded-error.js';
import { UserInputError, type UserErrorData } from '../errors/user-errors.js';
import type { RequestContext } from '../context/request-context.js';
import { graphRequestFailure, type GraphClient, type GraphResponse } from './graph-client.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';

/** The files module is not in this cell: there is no store for generated files. */
export const GENERATED_FILE_STORE_MISSING = 'GENERATED_FILE_STORE_MISSING';

/** How long a caller should wait before trying again when the graph, the files module or the object store did not answer. */
export const GENERATED_FILE_RETRY_AFTER_SECONDS = 5;

/** A file a module made (an export, a PDF), to be stored as a `File` of the files module. */
export interface GeneratedFile {
  /** The file's name as users see it (the files module sanitizes it). */
  name: string;
  /** Must be among the cell's FILE_ALLOWED_TYPES (`FILE_TYPE_NOT_ALLOWED` otherwise). */
  contentType: string;
  bytes: Uint8Array;
  /** The global id of the object the file is attached to (any Node the caller reads: `FILE_ABOUT_NOT_FOUND` otherwise). */
  aboutId?: string | null;
  /** A folder the caller may put files in (`FOLDER_NOT_FOUND` otherwise). */
  folderId?: string | null;
  /** Sent to `fileUploadBegin`: the same key begins the same upload again instead of a second one. */
  idempotencyKey?: string | null;
}

/** The stored file, as the files module answered it. */
export interface StoredFile {
  /** The File's global id (`node(id:)`, `file(id:)`). */
  id: string;
  name: string;
  contentType: string;
  size: number;
  /** SHA-256 of the bytes, computed by the files module from what the store holds. */
  checksum: string;
}

const BEGIN = `mutation StoreGeneratedFileBegin($input: FileUploadBeginInput!) {
  fileUploadBegin(input: $input) { upload { id url method headers { name value } } userErrors { code field message } }
}`;
const COMPLETE = `mutation StoreGeneratedFileComplete($input: FileUploadCompleteInput!) {
  fileUploadComplete(input: $input) { file { id name contentType size checksum } userErrors { code field message } }
}`;

interface Begun {
  fileUploadBegin: {
    upload: { id: string; url: string; method: string; headers: { name: string; value: string }[] } | null;
    userErrors: UserErrorData[];
  } | null;
}
interface Completed {
  fileUploadComplete: { file: StoredFile | null; userErrors: UserErrorData[] } | null;
}

const unavailable = (what: string) => serviceUnavailable(text(kernelMessages.fileStoreUnavailable, { what }), GENERATED_FILE_RETRY_AFTER_SECONDS);

/** The codes a caller sees as they are: who may do what is the files module's decision. */
const PASSED_ON: readonly string[] = [ErrorCode.Unauthenticated, ErrorCode.Forbidden, ErrorCode.RateLimited];

async function ask<T>(graph: GraphClient, request: RequestContext, query: string, variables: Record<string, unknown>, step: string): Promise<T> {
  let answer: GraphResponse<T>;
  try {
    answer = await graph.request<T>(request, query, variables);
  } catch (error) {
    throw graphRequestFailure(error, () => unavailable(`${step}: the graph did not answer`));
  }
  const errors = answer.errors ?? [];
  if (errors.some((error) => error.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && /fileUpload(Begin|Complete)/.test(error.message))) {
    throw new CodedError(GENERATED_FILE_STORE_MISSING, kernelMessages.noFileStore);
  }
  const first = errors[0];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : ErrorCode.Internal;
    if (PASSED_ON.includes(code)) throw new CodedError(code, first.message);
    throw unavailable(`${step}: ${code}`);
  }
  if (!answer.data) throw unavailable(`${step}: no answer`);
  return answer.data;
}

/** The files module's user errors, for the calling module's payload (their `field` names files' input, not the caller's). */
const refused = (errors: UserErrorData[]) => new UserInputError(errors.map(({ code, message }) => ({ code, field: null, message })));

/**
 * Stores bytes a module generated (an export, a PDF) as a `File`, through the files module's own
 * public API and as the caller: `fileUploadBegin` asked through the graph with the request's
 * delegation, a PUT of the bytes to the presigned URL with the headers it came with, then
 * `fileUploadComplete`. So every rule stays the files module's: the caller's permission to write
 * files, the allowed types and size, the organization's quota, whether the caller reads `aboutId`,
 * tenancy. Its refusals (`FILE_QUOTA_EXCEEDED`, `FILE_TYPE_NOT_ALLOWED`, `FILE_ABOUT_NOT_FOUND`, …)
 * are thrown as a UserInputError (a `mutationPayload` answers them as userErrors); `FORBIDDEN` and
 * `UNAUTHENTICATED` as they came; a cell without the files module `GENERATED_FILE_STORE_MISSING`;
 * the graph, the files module or the object store not answering `SERVICE_UNAVAILABLE` (retryAfter).
 * Nothing becomes a File unless the whole sequence succeeded: an upload begun and never completed
 * is deleted (with the bytes and its quota reservation) by the files module's cleanup job.
 *
 * The module declares `dependsOn: ['files']` and must be among the gateway's GRAPH_DELEGATES. A
 * background job acting for a user passes `jobRequest(job.id, data.actingFor)`, the job delegation
 * the enqueuing request got from `graph.delegateToJob(request)` (an expired one: UNAUTHENTICATED).
 */
export async function storeGeneratedFile(graph: GraphClient, request: RequestContext, file: GeneratedFile): Promise<StoredFile> {
  const { bytes, ...described } = file;
  return storeThroughFiles(graph, request, described, bytes.byteLength, async (upload) => {
    try {
      const stored = await fetch(upload.url, {
        method: upload.method,
        headers: Object.fromEntries(upload.headers.map((header) => [header.name, header.value])),
        body: bytes,
        signal: AbortSignal.timeout(60_000),
      });
      await stored.body?.cancel();
      return stored.status;
    } catch {
      throw unavailable('the object store did not answer');
    }
  });
}

/** A generated file written to disk (an export of a million rows): stored without holding it in memory. */
export interface GeneratedFileOnDisk extends Omit<GeneratedFile, 'bytes'> {
  /** The file's path; it is read as a stream (the caller removes it afterwards). */
  path: string;
}

/** How long the object store may stay silent while a file on disk is sent to it. */
const STREAM_IDLE_TIMEOUT_MS = 60_000;

/**
 * `storeGeneratedFile` for a file on disk: the same sequence and rules, the bytes streamed from the
 * file to the presigned URL with their Content-Length (constant memory whatever the size; the files
 * module's FILE_MAX_SIZE and quota still apply, checked at `fileUploadBegin` from the size).
 */
export async function storeGeneratedFileFromDisk(graph: GraphClient, request: RequestContext, file: GeneratedFileOnDisk): Promise<StoredFile> {
  const { path, ...described } = file;
  const { size } = await stat(path);
  return storeThroughFiles(graph, request, described, size, (upload) => putFile(upload, path, size));
}

/** PUTs the file at `path` to a presigned URL, streamed, with Content-Length; resolves with the status. */
function putFile(upload: Upload, path: string, size: number): Promise<number> {
  const url = new URL(upload.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const failed = () => reject(unavailable('the object store did not answer'));
    const outgoing = send(
      url,
      {
        method: upload.method,
        headers: { ...Object.fromEntries(upload.headers.map((header) => [header.name, header.value])), 'content-length': String(size) },
        timeout: STREAM_IDLE_TIMEOUT_MS,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', failed);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', failed);
    const source = createReadStream(path);
    source.on('error', (error) => outgoing.destroy(error));
    source.pipe(outgoing);
  });
}

type Upload = NonNullable<NonNullable<Begun['fileUploadBegin']>['upload']>;

/** fileUploadBegin, `put` the bytes to the presigned URL, fileUploadComplete: every rule stays the files module's. */
async function storeThroughFiles(
  graph: GraphClient,
  request: RequestContext,
  file: Omit<GeneratedFile, 'bytes'>,
  size: number,
  put: (upload: Upload) => Promise<number>,
): Promise<StoredFile> {
  const begun = await ask<Begun>(
    graph,
    request,
    BEGIN,
    {
      input: {
        name: file.name,
        contentType: file.contentType,
        size,
        ...(file.aboutId ? { aboutId: file.aboutId } : {}),
        ...(file.folderId ? { folderId: file.folderId } : {}),
        ...(file.idempotencyKey ? { idempotencyKey: file.idempotencyKey } : {}),
      },
    },
    'fileUploadBegin',
  );
  const payload = begun.fileUploadBegin;
  if (!payload) throw unavailable('fileUploadBegin: no payload');
  if (payload.userErrors.length || !payload.upload) throw refused(payload.userErrors);
  const { upload } = payload;

  const status = await put(upload);
  if (status < 200 || status >= 300) throw unavailable(`the object store answered ${status}`);

  const completed = await ask<Completed>(graph, request, COMPLETE, { input: { uploadId: upload.id } }, 'fileUploadComplete');
  const done = completed.fileUploadComplete;
  if (!done) throw unavailable('fileUploadComplete: no payload');
  if (done.userErrors.length || !done.file) throw refused(done.userErrors);
  return done.file;
}
