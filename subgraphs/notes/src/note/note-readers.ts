import { principalOrgId, type Authorizer, type RequestContext } from '@cellgraph/kernel';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { NoteVisibility, type Note } from './note.entity.js';

/**
 * Who reads a note. Unlike other modules' objects, a note is not readable by every member: its
 * author always, and besides by its visibility — PRIVATE nobody else (owners and admins included,
 * as in Notion or Linear), ORGANIZATION every member but guests, TEAM the team's members (identity's
 * team memberships, from the permission model), USERS the users it is shared with. API keys act as
 * members: they read organization-wide notes. Only the author changes a note.
 */
export interface NoteViewer {
  /** The system (jobs, events): every note. */
  all: boolean;
  userId: string | null;
  /** An owner, admin or member (not a guest) of the note's organization. */
  member: boolean;
  teamIds: string[];
}

export class NoteReaders {
  constructor(private readonly authz: Authorizer) {}

  /** What the caller is to the organization's notes. */
  async viewerOf(request: RequestContext): Promise<NoteViewer> {
    const principal = request.principal;
    const nobody: NoteViewer = { all: false, userId: null, member: false, teamIds: [] };
    if (principal.kind === 'system') return { all: true, userId: null, member: true, teamIds: [] };
    const orgId = principalOrgId(principal);
    if (principal.kind === 'api_key') return orgId && (await this.authz.can(request, 'read', 'Note')) ? { ...nobody, member: true } : nobody;
    if (principal.kind !== 'user' || !orgId) return nobody;
    return this.viewer(orgId, principal.userId);
  }

  /** What `userId` is to the notes of `orgId` (a mention's recipient, say). */
  async viewer(orgId: string, userId: string): Promise<NoteViewer> {
    const role = await this.authz.roleOf(orgId, userId);
    if (!role) return { all: false, userId: null, member: false, teamIds: [] };
    return { all: false, userId, member: role !== 'guest', teamIds: await this.authz.teamsOf(orgId, userId) };
  }

  static reads(viewer: NoteViewer, note: Note): boolean {
    if (viewer.all) return true;
    if (viewer.userId && note.authorId === viewer.userId) return true;
    switch (note.visibility) {
      case NoteVisibility.ORGANIZATION:
        return viewer.member;
      case NoteVisibility.TEAM:
        return note.teamId !== null && viewer.teamIds.includes(note.teamId);
      case NoteVisibility.USERS:
        return viewer.userId !== null && note.sharedWithIds.includes(viewer.userId);
      default:
        return false;
    }
  }

  static edits(viewer: NoteViewer, note: Note): boolean {
    return viewer.userId !== null && note.authorId === viewer.userId;
  }

  /** Restricts a list of notes (`alias`) to those the viewer reads, in SQL. */
  static restrict<Q extends ObjectLiteral>(query: SelectQueryBuilder<Q>, alias: string, viewer: NoteViewer): SelectQueryBuilder<Q> {
    if (viewer.all) return query;
    const terms: string[] = [];
    if (viewer.userId) {
      terms.push(`${alias}.author_id = :noteViewer`);
      terms.push(`(${alias}.visibility = 'users' AND :noteViewer = ANY(${alias}.shared_with_ids))`);
    }
    if (viewer.member) terms.push(`${alias}.visibility = 'organization'`);
    if (viewer.teamIds.length) terms.push(`(${alias}.visibility = 'team' AND ${alias}.team_id IN (:...noteViewerTeams))`);
    return query.andWhere(terms.length ? `(${terms.join(' OR ')})` : 'FALSE', { noteViewer: viewer.userId, noteViewerTeams: viewer.teamIds });
  }
}
