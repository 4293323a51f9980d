import {
  forbidden,
  parseGlobalId,
  requireOrgId,
  toGlobalId,
  unauthenticated,
  validateInput,
  type Authorizer,
  type Database,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { StorageConfig } from '../storage/storage.config.js';
import { File } from '../file/file.entity.js';
import { FileErrorCode, fileNotFound } from '../file/file.errors.js';
import { Avatar } from './avatar.entity.js';
import { avatarNotImage, avatarNotYours, avatarTooLarge, avatarUploadIncomplete, avatarUserNotFound } from './avatar.errors.js';
import { fileErrorTexts } from '../messages.js';

const globalId = (typeName: string) =>
  z
    .string()
    .refine((value) => parseGlobalId(value)?.typeName === typeName, zodMessage(fileErrorTexts.invalidIdOfType, { typeName }))
    .transform((value) => parseGlobalId(value)!.uuid);

const setInput = z.object({
  userId: globalId('User').nullish(),
  // A FileUpload id is let through to answer FILE_AVATAR_UPLOAD_INCOMPLETE rather than an invalid id.
  fileId: z
    .string()
    .refine((value) => ['File', 'FileUpload'].includes(parseGlobalId(value)?.typeName ?? ''), zodMessage(fileErrorTexts.invalidFileId))
    .nullable(),
});

/** The caller's organization, or null (anonymous, or none selected). */
const orgOf = (request: RequestContext): string | null => (request.principal.kind === 'anonymous' ? null : (request.principal.orgId ?? null));

/** Roles that may set the avatar of members of these roles (identity's rules for managing people). */
const MANAGES: Record<string, readonly string[]> = {
  owner: ['admin', 'member', 'guest'],
  admin: ['member', 'guest'],
};

/**
 * Avatars: each member of an organization may show an image of theirs next to their name there.
 * A user sets their own; owners set anyone else's, admins those of members and guests (as identity
 * lets them manage people). The image is a completed file, not in the trash, the caller uploaded, of at
 * most FILE_AVATAR_MAX_SIZE bytes. Being an avatar makes a file readable by the whole organization
 * (see FileAccessRule).
 */
export class AvatarService {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly config: StorageConfig,
  ) {}

  /** The avatar file (uuid) of each user (uuid) in the caller's organization, or null. */
  async fileIdsOf(request: RequestContext, userIds: readonly string[]): Promise<(string | null)[]> {
    if (!orgOf(request) || !userIds.length) return userIds.map(() => null);
    const rows = await this.db.transaction(request, (em) =>
      em
        .createQueryBuilder(Avatar, 'avatar')
        .where('avatar.userId IN (:...userIds)', { userIds: [...userIds] })
        .getMany(),
    );
    const byUser = new Map(rows.map((row) => [row.userId, row.fileId]));
    return userIds.map((userId) => byUser.get(userId) ?? null);
  }

  /** Which of `fileIds` (uuids) are avatars in the caller's organization. */
  async avatarFiles(request: RequestContext, fileIds: readonly string[]): Promise<Set<string>> {
    if (!orgOf(request) || !fileIds.length) return new Set();
    const rows: { file_id: string }[] = await this.db.transaction(request, (em) =>
      em.query('SELECT DISTINCT file_id FROM files.avatars WHERE file_id = ANY($1)', [[...fileIds]]),
    );
    return new Set(rows.map((row) => row.file_id));
  }

  /**
   * Sets (`fileId`) or clears (`fileId: null`) the avatar of `userId` (default: the caller) and
   * emits `user.avatarChanged` when it changed. Returns the user's uuid.
   */
  async set(request: RequestContext, input: { userId?: string | null; fileId: string | null }): Promise<string> {
    const { principal } = request;
    if (principal.kind === 'anonymous') throw unauthenticated();
    if (principal.kind !== 'user') throw forbidden(fileErrorTexts.avatarUserOnly);
    const orgId = requireOrgId(request);
    const valid = validateInput(setInput, input, FileErrorCode.InvalidInput);
    const userId = valid.userId ?? principal.userId;
    if (userId !== principal.userId) await this.requireManages(orgId, principal.userId, userId);
    const fileId = valid.fileId === null ? null : this.fileUuid(valid.fileId);
    await this.db.transaction(request, async (em) => {
      if (fileId) await this.requireAvatarFile(em, fileId, principal.userId);
      const current = await em
        .getRepository(Avatar)
        .createQueryBuilder('avatar')
        .setLock('pessimistic_write')
        .where('avatar.userId = :userId', { userId })
        .getOne();
      const before = current?.fileId ?? null;
      if (before === fileId) return;
      if (fileId) await em.upsert(Avatar, { orgId, userId, fileId, setBy: principal.userId, setAt: new Date() }, ['orgId', 'userId']);
      else await em.delete(Avatar, { orgId, userId });
      await this.db.emit(em, {
        type: 'user.avatarChanged',
        orgId,
        subject: { type: 'User', id: userId },
        data: { fileId: fileId && toGlobalId('File', fileId), previousFileId: before && toGlobalId('File', before) },
      });
    });
    return userId;
  }

  /** FORBIDDEN unless the caller manages `userId` in the organization; a user error when they manage people but `userId` is no member. */
  private async requireManages(orgId: string, actorId: string, userId: string): Promise<void> {
    const managed = MANAGES[(await this.authz.roleOf(orgId, actorId)) ?? ''];
    if (!managed) throw forbidden(fileErrorTexts.avatarOthersAdminsOnly);
    const role = await this.authz.roleOf(orgId, userId);
    if (!role) throw avatarUserNotFound();
    if (!managed.includes(role)) throw forbidden(fileErrorTexts.avatarAdminScope);
  }

  private fileUuid(id: string): string {
    const decoded = parseGlobalId(id)!;
    if (decoded.typeName === 'FileUpload') throw avatarUploadIncomplete();
    return decoded.uuid;
  }

  /** The file exists in the organization (RLS), is not in the trash, is the caller's upload, an image, small enough. */
  private async requireAvatarFile(em: EntityManager, fileId: string, callerId: string): Promise<void> {
    const file = await em.findOneBy(File, { id: fileId });
    if (!file) throw fileNotFound(['input', 'fileId']);
    if (file.uploadedBy !== callerId) throw avatarNotYours();
    if (!file.contentType.startsWith('image/') || !file.width || !file.height) throw avatarNotImage();
    if (file.size > this.config.FILE_AVATAR_MAX_SIZE) throw avatarTooLarge(this.config.FILE_AVATAR_MAX_SIZE);
  }
}
