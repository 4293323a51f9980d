import { ErrorCode, graphRequestFailure, serviceUnavailable, type GraphClient, type GraphResponse, type RequestContext } from '@cellgraph/kernel';
import { financeErrorTexts } from '../messages.js';

const RECEIPT = 'query ExpenseReceipt($id: ID!) { file(id: $id) { id } }';

/** Seconds a client waits before retrying when the files module could not tell. */
const RETRY_AFTER_SECONDS = 5;

const unavailable = () => serviceUnavailable(financeErrorTexts.receiptCheckUnavailable, RETRY_AFTER_SECONDS);

/**
 * Requires `fileId` (a File's global id) to be a file the caller reads in its organization, asked
 * through the graph as the caller: `file(id:)` goes to the files module itself, which decides who
 * reads a file (a file attached to an object asks the graph about that object in turn). An unknown
 * file, another organization's and an unreadable one are one answer, `notFound()`; when the files
 * module could not tell, SERVICE_UNAVAILABLE — a receipt is never called missing because its module
 * did not answer.
 */
export async function requireReadableFile(graph: GraphClient, request: RequestContext, fileId: string, notFound: () => Error): Promise<void> {
  let answer: GraphResponse<{ file: { id: string } | null }>;
  try {
    answer = await graph.request<{ file: { id: string } | null }>(request, RECEIPT, { id: fileId });
  } catch (error) {
    throw graphRequestFailure(error, unavailable);
  }
  if (answer.data?.file) return;
  if (!answer.data || answer.errors?.some((error) => error.extensions?.code === ErrorCode.ServiceUnavailable)) throw unavailable();
  throw notFound();
}
