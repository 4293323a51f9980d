import { principalOrgId, toGlobalId, type Database, type PublishedEvent, type RequestContext } from '@cellgraph/kernel';
import { Folder } from '../folder/folder.entity.js';
import type { FolderService } from '../folder/folder.service.js';
import type { FileAccessRule } from './file-access.js';
import { File } from './file.entity.js';
import { FileChange } from './file.live.js';

/** What a `fileChanged` subscription watches: the files attached to an object, those in a folder (uuid), or both. */
export interface FileChangeFilter {
  aboutId: string | null;
  folderId: string | null;
}

type EventData = {
  folderIds?: string[];
  aboutIds?: string[];
  parentId?: string | null;
  before?: { folderId?: string | null; parentId?: string | null };
  after?: { folderId?: string | null; parentId?: string | null };
};

/**
 * `fileChanged`: decides, as the subscriber, whether an event of this module concerns its
 * subscription, and builds the payload. A file's event reaches the subscribers who may read the file
 * (FileAccessRule) and watch the object it is attached to, or the folder it is in (or was in, before a
 * move). A folder's event reaches those who read that folder and watch it or its parent (before and
 * after a move); a folder moved to the trash or restored also reaches the watchers of the folders that
 * went with it and of the objects whose files went with it.
 */
export class FileChanges {
  constructor(
    private readonly db: Database,
    private readonly rule: FileAccessRule,
    private readonly folders: FolderService,
  ) {}

  async liveChange(request: RequestContext, event: PublishedEvent, filter: FileChangeFilter): Promise<FileChange | null> {
    if (!event.subject || event.orgId !== principalOrgId(request.principal) || (!filter.aboutId && !filter.folderId)) return null;
    if (event.subject.type === 'File' && event.type.startsWith('file.')) return this.fileChange(request, event, filter);
    if (event.subject.type === 'Folder' && event.type.startsWith('folder.')) return this.folderChange(request, event, filter);
    return null;
  }

  private async fileChange(request: RequestContext, event: PublishedEvent, filter: FileChangeFilter): Promise<FileChange | null> {
    const file = await this.db.transaction(request, (em) => em.findOne(File, { where: { id: event.subject!.id }, withDeleted: true }));
    if (!file) return null; // purged
    const data = (event.data ?? {}) as EventData;
    if (filter.aboutId && file.aboutId !== filter.aboutId) return null;
    if (filter.folderId && file.folderId !== filter.folderId && data.before?.folderId !== filter.folderId) return null;
    if (filter.folderId && !(await this.readsFolder(request, filter.folderId))) return null;
    if (!(await this.rule.readableOf(request, [file]))[0]) return null;
    const folder = file.folderId ? await this.readableFolder(request, file.folderId) : null;
    return this.payload(event, {
      fileId: toGlobalId('File', file.id),
      file: file.deletedAt ? null : file,
      folderId: folder ? toGlobalId('Folder', folder.id) : null,
      folder,
    });
  }

  private async folderChange(request: RequestContext, event: PublishedEvent, filter: FileChangeFilter): Promise<FileChange | null> {
    const changed = await this.db.transaction(request, (em) => em.findOne(Folder, { where: { id: event.subject!.id }, withDeleted: true }));
    if (!changed) return null; // purged
    const data = (event.data ?? {}) as EventData;
    const readable = (await this.folders.readableOf(request, [changed]))[0]!;
    if (filter.folderId) {
      const concerned = [changed.id, changed.parentId, data.parentId, data.before?.parentId, data.after?.parentId, ...(data.folderIds ?? [])];
      if (!readable || !concerned.includes(filter.folderId)) return null;
    }
    if (filter.aboutId) {
      if (!(data.aboutIds ?? []).includes(filter.aboutId)) return null;
      if (!(await this.rule.visible(request, [filter.aboutId])).has(filter.aboutId)) return null;
    }
    return this.payload(event, {
      fileId: null,
      file: null,
      folderId: readable ? toGlobalId('Folder', changed.id) : null,
      folder: readable && !changed.deletedAt ? changed : null,
    });
  }

  /** Whether the caller reads the folder (out of the trash). */
  private async readsFolder(request: RequestContext, id: string): Promise<boolean> {
    return (await this.readableFolder(request, id)) !== null;
  }

  private async readableFolder(request: RequestContext, id: string): Promise<Folder | null> {
    const [folder] = await this.folders.access.byIds(request, [id]);
    return folder && (await this.folders.readableOf(request, [folder]))[0] ? folder : null;
  }

  private payload(event: PublishedEvent, change: Pick<FileChange, 'fileId' | 'file' | 'folderId' | 'folder'>): FileChange {
    return Object.assign(new FileChange(), { event: event.type, occurredAt: new Date(event.occurredAt), actorId: event.actorId, ...change });
  }
}
