import {
  AggregateAccess,
  filterToSql,
  forbidden,
  fromGlobalId,
  globalIdOf,
  idempotent,
  OrderDirection,
  paginate,
  principalUserId,
  requireOrgId,
  requireUserId,
  requireVisibleNodes,
  sortKeysFor,
  toGlobalId,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type Database,
  type FilterSpec,
  type GraphClient,
  type OrderField,
  type RequestContext,
  text,
  zodMessage,
} from '@cellgraph/kernel';
import { imageSize } from 'image-size';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { ObjectStore, PresignedRequest } from '../storage/object-store.js';
import { typeAllowed, type StorageConfig } from '../storage/storage.config.js';
import type { FolderService } from '../folder/folder.service.js';
import type { FileAccessRule } from './file-access.js';
import { sanitizeFileName } from './file-names.js';
import { Folder } from '../folder/folder.entity.js';
import { File } from './file.entity.js';
import {
  aboutNotFound,
  FileErrorCode,
  fileNotFound,
  quotaExceeded,
  tooLarge,
  typeNotAllowed,
  uploadMismatch,
  uploadMissing,
  uploadNotFound,
} from './file.errors.js';
import type { FileFilter, FilesArgs, FileUploadBeginInput } from './file.inputs.js';
import { Upload } from './upload.entity.js';
import { fileErrorTexts } from '../messages.js';

const name = z
  .string()
  .transform(sanitizeFileName)
  .pipe(z.string().min(1, zodMessage(fileErrorTexts.fileNameRequired)));
const contentType = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, zodMessage(fileErrorTexts.mediaTypeFormat));
const beginInput = z.object({
  name,
  contentType,
  size: z.number().int(zodMessage(fileErrorTexts.wholeBytes)).min(1, zodMessage(fileErrorTexts.emptyFile)),
  aboutId: z.string().min(1).max(200).nullish(),
  folderId: globalIdOf('Folder').nullish(),
});
const completeInput = z.object({ uploadId: globalIdOf('FileUpload') });
const renameInput = z.object({ id: globalIdOf('File'), name });
const idInput = z.object({ id: globalIdOf('File') });
const moveInput = z.object({ id: globalIdOf('File'), folderId: globalIdOf('Folder').nullish() });

/** How much of an image is read to find its dimensions (headers sit at the start). */
const IMAGE_HEADER_BYTES = 512 * 1024;

/** The longest a download URL asked for (`downloadUrl(expiresInSeconds:)`) works: an hour (e.g. an export's link). */
export const DOWNLOAD_URL_MAX_TTL_SECONDS = 60 * 60;

const filterSpec: FilterSpec = {
  id: { path: 'file.id', kind: 'id', idType: 'File' },
  name: { path: 'file.name', kind: 'string' },
  contentType: { path: 'file.contentType', kind: 'string' },
  uploadedBy: { path: 'file.uploadedBy', kind: 'id', idType: 'User' },
  createdAt: { path: 'file.createdAt', kind: 'datetime' },
  folderId: { path: 'file.folderId', kind: 'id', idType: 'Folder' },
};

const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'file.createdAt', sqlType: 'timestamptz' },
  name: { path: 'file.name', sqlType: 'text' },
  size: { path: 'file.size', sqlType: 'bigint' },
};
const idOrder: OrderField = { path: 'file.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/** A presigned upload as the API returns it. */
export interface BegunUpload extends PresignedRequest {
  id: string;
}

/**
 * Files of the caller's organization. An upload is begun (quota reserved, a presigned PUT handed
 * out), the client sends the bytes to the store, and completing it checks what the store holds
 * before the File exists. Renaming, moving, the trash and restoring are for the uploader and the
 * organization's owners and admins; reading follows FileAccessRule; a file goes only into a folder
 * the caller reads (FolderService).
 */
export class FileService {
  readonly access: AggregateAccess<File>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly graph: GraphClient,
    private readonly store: ObjectStore,
    private readonly config: StorageConfig,
    readonly rule: FileAccessRule,
    private readonly folders: FolderService,
  ) {
    this.access = new AggregateAccess(db, authz, {
      type: 'File',
      entity: File,
      table: 'files.files',
      notFound: fileNotFound,
      readableOf: (request, rows) => this.rule.readableOf(request, rows),
    });
  }

  /**
   * Files the caller may list: those attached to `aboutId` (when it may read that object; checked
   * here unless `aboutChecked`, as the batch of Node.files does); those in `folderId` (a folder it
   * reads) that it may read — all of them for owners and admins, else its own uploads and those
   * attached to objects it reads; else its own uploads — every file of the organization for owners
   * and admins. `aboutId` and `folderId` together: both hold.
   */
  async list(request: RequestContext, args: FilesArgs, aboutChecked = false): Promise<Connection<File>> {
    requireOrgId(request);
    const restrictions: ((query: ReturnType<FileService['query']>) => void)[] = [];
    const admin = await this.rule.isAdmin(request);
    const userId = principalUserId(request.principal);
    if (args.aboutId) {
      const aboutId = args.aboutId;
      if (!aboutChecked) await requireVisibleNodes(this.graph, request, [aboutId], () => aboutNotFound());
      restrictions.push((query) => query.andWhere('file.aboutId = :aboutId', { aboutId }));
    }
    if (args.folderId) {
      const folder = await this.folders.requireReadable(request, fromGlobalId('Folder', args.folderId, 'folderId'), ['folderId']);
      restrictions.push((query) => query.andWhere('file.folderId = :folderId', { folderId: folder.id }));
      if (!admin && !args.aboutId) {
        // Others' files in the folder: those attached to an object the caller reads (one graph call).
        const abouts: { about_id: string }[] = await this.db.transaction(request, (em) =>
          em.query('SELECT DISTINCT about_id FROM files.files WHERE folder_id = $1 AND about_id IS NOT NULL AND uploaded_by <> $2 AND deleted_at IS NULL', [
            folder.id,
            userId,
          ]),
        );
        const visible = [
          ...(await this.rule.visible(
            request,
            abouts.map((row) => row.about_id),
          )),
        ];
        restrictions.push((query) =>
          query.andWhere(visible.length ? '(file.uploadedBy = :userId OR file.aboutId IN (:...visible))' : 'file.uploadedBy = :userId', { userId, visible }),
        );
      }
    } else if (!args.aboutId && !admin) {
      restrictions.push((query) => query.andWhere('file.uploadedBy = :userId', { userId }));
    }
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => {
        const query = this.query(em, args.filter);
        for (const restrict of restrictions) restrict(query);
        return query;
      },
      sort: sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder),
      args,
    });
  }

  /** Reserves the quota and hands out a presigned PUT bound to the type and size. */
  async beginUpload(request: RequestContext, input: FileUploadBeginInput): Promise<BegunUpload> {
    const orgId = requireOrgId(request);
    const uploadedBy = requireUserId(request);
    await this.authz.require(request, 'write', 'File');
    const valid = validateInput(beginInput, input, FileErrorCode.InvalidInput);
    if (!typeAllowed(this.config, valid.contentType)) throw typeNotAllowed(valid.contentType);
    if (valid.size > this.config.FILE_MAX_SIZE) throw tooLarge(this.config.FILE_MAX_SIZE);
    if (valid.aboutId) await requireVisibleNodes(this.graph, request, [valid.aboutId], () => aboutNotFound());
    if (valid.folderId) await this.folders.requireReadable(request, valid.folderId, ['input', 'folderId']);
    const upload = await this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'fileUploadBegin',
        input: valid,
        create: async () => {
          await this.reserve(em, orgId, valid.size);
          const id = uuidv7();
          return em.save(
            em.create(Upload, {
              id,
              orgId,
              name: valid.name,
              contentType: valid.contentType,
              size: valid.size,
              storageKey: `org/${orgId}/${id}`,
              aboutId: valid.aboutId ?? null,
              folderId: valid.folderId ?? null,
              uploadedBy,
              abandonedAt: new Date(Date.now() + this.config.FILE_UPLOAD_ABANDON_AFTER_SECONDS * 1000),
            }),
          );
        },
        load: (id) => em.findOneBy(Upload, { id }),
      }),
    );
    if (!upload) throw uploadNotFound(); // a replay of an upload completed since
    const put = await this.store.presignPut(upload.storageKey, upload.contentType, upload.size, this.config.FILE_UPLOAD_URL_TTL_SECONDS);
    return { id: toGlobalId('FileUpload', upload.id), ...put };
  }

  /**
   * Makes the upload a File once the store holds exactly what was announced: its size and type
   * (HEAD), its SHA-256 (streamed) and, for images, its dimensions (read from its first bytes).
   * Content that does not match is deleted with its upload: nothing becomes visible.
   */
  async completeUpload(request: RequestContext, input: { uploadId: string }): Promise<File> {
    const uploadedBy = requireUserId(request);
    const { uploadId } = validateInput(completeInput, input, FileErrorCode.InvalidInput);
    const upload = await this.db.transaction(request, (em) => em.findOneBy(Upload, { id: uploadId, uploadedBy }));
    if (!upload) throw uploadNotFound();
    const head = await this.store.head(upload.storageKey);
    if (!head) throw uploadMissing();
    const storedType = head.contentType?.split(';')[0]!.trim().toLowerCase() ?? null;
    const mismatch =
      head.size !== upload.size
        ? text(fileErrorTexts.uploadSizeMismatch, { size: String(head.size), expected: String(upload.size) })
        : storedType !== upload.contentType
          ? text(fileErrorTexts.uploadTypeMismatch, { type: storedType ?? 'unknown', expected: upload.contentType })
          : null;
    const dimensions = !mismatch && upload.contentType.startsWith('image/') ? await this.dimensions(upload.storageKey) : null;
    const problem = mismatch ?? (upload.contentType.startsWith('image/') && !dimensions ? text(fileErrorTexts.uploadNotAnImage) : null);
    if (problem) {
      await this.discard(request, upload);
      throw uploadMismatch(problem);
    }
    const checksum = await this.store.sha256(upload.storageKey);
    return this.db.transaction(request, async (em) => {
      const locked = await em
        .getRepository(Upload)
        .createQueryBuilder('upload')
        .setLock('pessimistic_write')
        .where('upload.id = :id', { id: upload.id })
        .getOne();
      if (!locked) throw uploadNotFound(); // completed (or cleaned up) meanwhile
      await em.delete(Upload, { id: upload.id });
      // A folder that went to the trash (or was purged) since the upload began: the top level.
      const folderId =
        locked.folderId && (await em.findOne(Folder, { where: { id: locked.folderId }, lock: { mode: 'pessimistic_read' } })) ? locked.folderId : null;
      const file = await em.save(
        em.create(File, {
          id: upload.id,
          orgId: upload.orgId,
          name: upload.name,
          contentType: upload.contentType,
          size: upload.size,
          checksum,
          width: dimensions?.width ?? null,
          height: dimensions?.height ?? null,
          storageKey: upload.storageKey,
          aboutId: upload.aboutId,
          folderId,
          trashedWith: null,
          uploadedBy: upload.uploadedBy,
        }),
      );
      await this.emit(em, file, 'file.uploaded', {
        name: file.name,
        contentType: file.contentType,
        size: file.size,
        aboutId: file.aboutId,
        folderId: file.folderId,
      });
      return file;
    });
  }

  /** A short-lived presigned GET that downloads the file under its name (the caller read the file). */
  downloadUrl(file: File, expiresInSeconds?: number | null): Promise<PresignedRequest> {
    const ttl = expiresInSeconds ? Math.min(Math.max(1, expiresInSeconds), DOWNLOAD_URL_MAX_TTL_SECONDS) : this.config.FILE_DOWNLOAD_URL_TTL_SECONDS;
    return this.store.presignGet(file.storageKey, file.name, file.contentType, ttl);
  }

  async rename(request: RequestContext, input: { id: string; name: string }): Promise<File> {
    const valid = validateInput(renameInput, input, FileErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const file = await this.loadToManage(em, request, valid.id);
      if (file.name === valid.name) return file;
      const before = file.name;
      file.name = valid.name;
      const saved = await em.save(file);
      await this.emit(em, saved, 'file.renamed', { before: { name: before }, after: { name: saved.name } });
      return saved;
    });
  }

  /** Moves a file into a folder the caller reads, or to the top level (`folderId` null). */
  async move(request: RequestContext, input: { id: string; folderId?: string | null }): Promise<File> {
    const valid = validateInput(moveInput, input, FileErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const file = await this.loadToManage(em, request, valid.id);
      const folder = valid.folderId ? await this.folders.requireReadable(request, valid.folderId, ['input', 'folderId'], em) : null;
      const folderId = folder?.id ?? null;
      if (file.folderId === folderId) return file;
      const before = file.folderId;
      file.folderId = folderId;
      const saved = await em.save(file);
      await this.emit(em, saved, 'file.moved', { name: saved.name, aboutId: saved.aboutId, before: { folderId: before }, after: { folderId } });
      return saved;
    });
  }

  /** Moves a file to the trash (soft delete); its bytes stay until it is purged. */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, FileErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const file = await this.loadToManage(em, request, id);
      await em.softDelete(File, { id });
      await this.emit(em, file, 'file.deleted', { title: file.name });
    });
    return input.id;
  }

  /** Brings a file back from the trash. */
  async restore(request: RequestContext, input: { id: string }): Promise<File> {
    const { id } = validateInput(idInput, input, FileErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const file = await em.findOne(File, { where: { id }, withDeleted: true });
      if (!file?.deletedAt || !(await this.mayManage(request, file))) throw fileNotFound();
      file.deletedAt = null;
      file.trashedWith = null;
      // Its folder is in the trash (or gone): the file comes back at the top level.
      if (file.folderId && !(await em.findOneBy(Folder, { id: file.folderId }))) file.folderId = null;
      const saved = await em.save(file);
      await this.emit(em, saved, 'file.restored', {});
      return saved;
    });
  }

  /** Bytes the organization stores or is uploading. Runs under the organization's quota lock. */
  private async reserve(em: EntityManager, orgId: string, size: number): Promise<void> {
    // One writer per organization at a time: parallel begins cannot both pass the check.
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`files.quota:${orgId}`]);
    const [{ used }] = await em.query(`SELECT (SELECT coalesce(sum(size), 0) FROM files.files) + (SELECT coalesce(sum(size), 0) FROM files.uploads) AS used`);
    if (Number(used) + size > this.config.FILE_QUOTA_BYTES) throw quotaExceeded(this.config.FILE_QUOTA_BYTES, Number(used));
  }

  private async dimensions(key: string): Promise<{ width: number; height: number } | null> {
    try {
      const { width, height } = imageSize(await this.store.readStart(key, IMAGE_HEADER_BYTES));
      return width && height ? { width, height } : null;
    } catch {
      return null; // not an image image-size can read
    }
  }

  private async discard(request: RequestContext, upload: Upload): Promise<void> {
    await this.db.transaction(request, async (em) => {
      await em.delete(Upload, { id: upload.id });
      await this.store.delete([upload.storageKey]);
    });
  }

  private async mayManage(request: RequestContext, file: File): Promise<boolean> {
    return file.uploadedBy === principalUserId(request.principal) || (await this.rule.isAdmin(request));
  }

  /** The file locked for a change by its uploader or an administrator; others who read it get FORBIDDEN. */
  private async loadToManage(em: EntityManager, request: RequestContext, id: string): Promise<File> {
    const file = await this.access.loadForUpdate(em, request, 'read', id);
    if (!(await this.mayManage(request, file))) throw forbidden(fileErrorTexts.fileManagersOnly);
    return file;
  }

  private emit(em: EntityManager, file: File, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: file.orgId, subject: { type: 'File', id: file.id }, data });
  }

  private query(em: EntityManager, filter: FileFilter | null | undefined) {
    const query = em.createQueryBuilder(File, 'file');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }
}
