import { parseGlobalId, parseNodeConnectionRequest, type Connection, type NodeConnectionRequest, type SubgraphContext } from '@cellgraph/kernel';
import type { FilesServices } from '../services.js';
import type { File } from './file.entity.js';

type Context = SubgraphContext<FilesServices>;
type Page = (Connection<File> & { request: string }) | null;

/**
 * `Node.files` on any object: the node subgraph hands a FileConnection reference whose `request`
 * names the object and the page. The requests of one response (a page of tasks asking for their
 * files) are batched: one graph call decides which objects the caller can read; the files of the
 * others are not counted or returned (null). On a Folder, `files` lists the files in it (those the
 * caller may read), not those attached to it: folders are checked here, without the graph.
 */
export async function resolveFileConnectionReference(reference: Record<string, unknown>, context: Context): Promise<Page> {
  const request = String(reference.request);
  parseNodeConnectionRequest(request); // BAD_USER_INPUT when malformed, before any batching
  return context.loaders.get<string, Page>('files.nodeConnections', (requests) => pages(context, requests)).load(request);
}

async function pages(context: Context, requests: readonly string[]): Promise<Page[]> {
  const parsed = requests.map((request) => parseNodeConnectionRequest(request));
  const isFolder = (page: NodeConnectionRequest) => parseGlobalId(page.about)?.typeName === 'Folder';
  const visible = await context.services.files.rule.visible(context.request, [...new Set(parsed.filter((page) => !isFolder(page)).map((page) => page.about))]);
  const folderIds = [...new Set(parsed.filter(isFolder).map((page) => parseGlobalId(page.about)!.uuid))];
  const folders = folderIds.length ? await context.services.folders.access.byIds(context.request, folderIds) : [];
  const readable = await context.services.folders.readableOf(context.request, folders);
  for (const [index, folder] of folders.entries()) if (readable[index]) visible.add(folder.globalId);
  return Promise.all(
    parsed.map(async (page: NodeConnectionRequest, index) => {
      if (!visible.has(page.about)) return null;
      const where = isFolder(page) ? { folderId: page.about } : { aboutId: page.about };
      const connection = await context.services.files.list(
        context.request,
        { ...where, first: page.first, after: page.after, last: page.last, before: page.before },
        true,
      );
      return Object.assign(connection, { request: requests[index]! });
    }),
  );
}
