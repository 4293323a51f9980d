import {
  ErrorCode,
  graphRequestFailure,
  serviceUnavailable,
  text,
  type CellImporter,
  type GraphClient,
  type GraphResponse,
  type JobDelegation,
  type RequestContext,
  type UserErrorData,
} from '@cellgraph/kernel';
import { importErrorTexts } from '../messages.js';

/** The uploaded file as the files module shows it to the caller. */
export interface ImportFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  downloadUrl: string;
}

/** What the module's create mutation answered for one row. */
export type RowAnswer =
  | { kind: 'created'; id: string }
  | { kind: 'refused'; errors: UserErrorData[] }
  /** A top-level FORBIDDEN (or another refusal of the row alone). */
  | { kind: 'denied'; code: string; message: string }
  /** The job delegation was refused (expired): no further row can be created. */
  | { kind: 'expired' };

const FILE = `query DataImportFile($id: ID!) { file(id: $id) { id name contentType size downloadUrl } }`;
const RETRY_AFTER_SECONDS = 5;
const unavailable = (what: string) => serviceUnavailable(text(importErrorTexts.graphUnavailable, { what }), RETRY_AFTER_SECONDS);

/** Codes of a top-level error that refuse one row (the next one may pass). */
const ROW_REFUSALS: readonly string[] = [ErrorCode.Forbidden, 'FEATURE_DISABLED', 'KEY_SCOPE_MISSING', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'];

/**
 * The imports module's view of the graph: the files module's `file(id:)` (with its presigned
 * download URL) and the importers' create mutations, asked as the caller (or, in the job, as the
 * user who started the import). Every rule is the owning module's.
 */
export class ImportGraph {
  constructor(private readonly graph: GraphClient) {}

  /** A job delegation for the caller (the import's job acts for them); the gateway not answering is SERVICE_UNAVAILABLE. */
  async delegateToJob(request: RequestContext): Promise<JobDelegation> {
    try {
      return await this.graph.delegateToJob(request);
    } catch (error) {
      throw graphRequestFailure(error, () => unavailable('the gateway'));
    }
  }

  /** The file, if the caller may read it (null otherwise). */
  async file(request: RequestContext, fileId: string): Promise<ImportFile | null> {
    let answer: GraphResponse<{ file: ImportFile | null }>;
    try {
      answer = await this.graph.request<{ file: ImportFile | null }>(request, FILE, { id: fileId });
    } catch (error) {
      throw graphRequestFailure(error, () => unavailable('file'));
    }
    const codes = (answer.errors ?? []).map((error) => String(error.extensions?.code ?? ''));
    if (codes.some((code) => code !== ErrorCode.Forbidden && code !== 'BAD_USER_INPUT' && code !== 'NOT_FOUND')) throw unavailable(codes.join(','));
    return answer.data?.file ?? null;
  }

  /** Downloads the file's bytes from its presigned URL (at most `maxBytes`). */
  async download(file: ImportFile, maxBytes: number): Promise<Uint8Array | 'too-large'> {
    let response: Response;
    try {
      response = await fetch(file.downloadUrl, { signal: AbortSignal.timeout(60_000) });
    } catch {
      throw unavailable('the object store');
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw unavailable(`the object store answered ${response.status}`);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes.byteLength > maxBytes ? 'too-large' : bytes;
  }

  /** Calls the importer's create mutation with one row's input (and its idempotency key). */
  async createRow(request: RequestContext, importer: CellImporter, input: Record<string, unknown>, idempotencyKey: string): Promise<RowAnswer> {
    const document = `mutation DataImportRow($input: ${importer.inputType}!) { result: ${importer.mutation}(input: $input) { entity: ${importer.resultField} { id } userErrors { code field message } } }`;
    type Answer = { result: { entity: { id: string } | null; userErrors: UserErrorData[] } | null };
    let answer: GraphResponse<Answer>;
    try {
      answer = await this.graph.request<Answer>(request, document, { input: { ...input, idempotencyKey } });
    } catch (error) {
      const failure = graphRequestFailure(error, () => unavailable(importer.mutation));
      if ((failure as { code?: string }).code === ErrorCode.Unauthenticated) return { kind: 'expired' };
      throw failure;
    }
    const first = answer.errors?.[0];
    if (first) {
      const code = String(first.extensions?.code ?? ErrorCode.Internal);
      if (code === ErrorCode.Unauthenticated) return { kind: 'expired' };
      if (ROW_REFUSALS.includes(code)) return { kind: 'denied', code, message: first.message };
      throw unavailable(`${importer.mutation}: ${code}`);
    }
    const result = answer.data?.result;
    if (!result) throw unavailable(`${importer.mutation}: no payload`);
    if (result.userErrors.length || !result.entity) return { kind: 'refused', errors: result.userErrors };
    return { kind: 'created', id: result.entity.id };
  }
}
