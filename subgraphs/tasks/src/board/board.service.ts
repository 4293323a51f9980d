import {
  AggregateAccess,
  alignToKeys,
  fromGlobalId,
  keyBetween,
  paginate,
  requireOrgId,
  requireUserId,
  uuidv7,
  validateInput,
  type Action,
  type Authorizer,
  type Connection,
  type ConnectionArgs,
  type Database,
  type RequestContext,
  type SortKey,
  zodMessage,
} from '@cellgraph/kernel';
import { In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { Task, TaskStatus } from '../task/task.entity.js';
import { Board, BoardColumn, BoardViewType } from './board.entities.js';
import { BoardErrorCode, boardNotFound, columnNotEmpty, columnNotFound } from './board.errors.js';
import { taskErrorTexts } from '../messages.js';

const boardOrder: SortKey[] = [
  { name: 'createdAt', path: 'board.createdAt', sqlType: 'timestamptz', direction: 'ASC' },
  { name: 'id', path: 'board.id', sqlType: 'uuid', direction: 'ASC' },
];

const name = z.string().trim().min(1, zodMessage(taskErrorTexts.nameRequired)).max(200, zodMessage(taskErrorTexts.nameTooLong));
const columnFields = {
  name,
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, zodMessage(taskErrorTexts.colourFormat))
    .nullable()
    .optional(),
  wipLimit: z.number().int().min(1, zodMessage(taskErrorTexts.wipLimitMin)).nullable().optional(),
  status: z.enum(TaskStatus).nullable().optional(),
};
const boardInput = z.object({
  name,
  viewType: z.enum(BoardViewType).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  columns: z.array(z.object(columnFields)).max(50).optional(),
});

/** Boards and their columns; members may create and change them, guests only see what is shared. */
export class BoardService {
  readonly access: AggregateAccess<Board>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {
    this.access = new AggregateAccess(db, authz, { type: 'Board', entity: Board, table: 'tasks.boards', notFound: boardNotFound });
  }

  /** Boards of the caller's organization it may read, oldest first. */
  async list(request: RequestContext, args: ConnectionArgs): Promise<Connection<Board>> {
    const readable = await this.access.readableIds(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => this.access.restrictToReadable(em.createQueryBuilder(Board, 'board'), 'board', readable),
      sort: boardOrder,
      args,
    });
  }

  async create(request: RequestContext, input: z.input<typeof boardInput>): Promise<Board> {
    const orgId = requireOrgId(request);
    const createdBy = requireUserId(request);
    await this.authz.require(request, 'write', 'Board');
    const valid = validateInput(boardInput, input, BoardErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const board = await em.save(
        em.create(Board, { id: uuidv7(), orgId, name: valid.name, viewType: valid.viewType ?? BoardViewType.KANBAN, config: valid.config ?? {}, createdBy }),
      );
      let last: string | null = null;
      for (const column of valid.columns ?? []) {
        last = keyBetween(last, null);
        await em.insert(BoardColumn, {
          id: uuidv7(),
          orgId,
          boardId: board.id,
          position: last,
          name: column.name,
          color: column.color ?? null,
          wipLimit: column.wipLimit ?? null,
          status: column.status ?? null,
        });
      }
      await this.db.emit(em, { type: 'board.created', orgId, subject: { type: 'Board', id: board.id }, data: { name: board.name } });
      return board;
    });
  }

  async update(
    request: RequestContext,
    input: { id: string; name?: string | null; viewType?: BoardViewType | null; config?: Record<string, unknown> | null },
  ): Promise<Board> {
    const id = fromGlobalId('Board', input.id);
    await this.requireBoard(request, 'write', id);
    const changes = validateInput(
      boardInput.partial(),
      { name: input.name ?? undefined, viewType: input.viewType ?? undefined, config: input.config ?? undefined },
      BoardErrorCode.InvalidInput,
    );
    return this.db.transaction(request, async (em) => {
      const board = await em.findOneBy(Board, { id });
      if (!board) throw boardNotFound();
      const before = { name: board.name, viewType: board.viewType, config: board.config };
      Object.assign(board, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined && v !== null)));
      const saved = await em.save(board);
      await this.db.emit(em, {
        type: 'board.updated',
        orgId: board.orgId,
        subject: { type: 'Board', id },
        data: { before, after: { name: saved.name, viewType: saved.viewType, config: saved.config } },
      });
      return saved;
    });
  }

  async delete(request: RequestContext, idInput: string): Promise<string> {
    const id = fromGlobalId('Board', idInput);
    await this.requireBoard(request, 'manage', id);
    await this.db.transaction(request, async (em) => {
      const board = await em.findOne(Board, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!board) throw boardNotFound();
      await em.softDelete(Board, { id });
      await this.db.emit(em, { type: 'board.deleted', orgId: board.orgId, subject: { type: 'Board', id }, data: { title: board.name } });
    });
    return idInput;
  }

  /** Brings a board back from the trash, with its columns and tasks. */
  async restore(request: RequestContext, idInput: string): Promise<Board> {
    const id = fromGlobalId('Board', idInput);
    await this.requireBoard(request, 'manage', id);
    return this.db.transaction(request, async (em) => {
      const restored = await em.createQueryBuilder().restore().from(Board).where('id = :id AND deleted_at IS NOT NULL', { id }).execute();
      if (!restored.affected) throw boardNotFound();
      const board = await em.findOneByOrFail(Board, { id });
      await this.db.emit(em, { type: 'board.restored', orgId: board.orgId, subject: { type: 'Board', id } });
      return board;
    });
  }

  async addColumn(
    request: RequestContext,
    input: { boardId: string; name: string; color?: string | null; wipLimit?: number | null; status?: TaskStatus | null; afterColumnId?: string | null },
  ): Promise<BoardColumn> {
    const boardId = fromGlobalId('Board', input.boardId, 'boardId');
    await this.requireBoard(request, 'write', boardId);
    const valid = validateInput(z.object(columnFields), input, BoardErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const board = await em.findOneBy(Board, { id: boardId });
      if (!board) throw boardNotFound();
      const last = (await em.find(BoardColumn, { where: { boardId }, order: { position: 'DESC' }, take: 1 }))[0]?.id ?? null;
      const afterId = input.afterColumnId ? fromGlobalId('BoardColumn', input.afterColumnId, 'afterColumnId') : last;
      const position = await this.columnPosition(em, boardId, afterId);
      const column = em.create(BoardColumn, {
        id: uuidv7(),
        orgId: board.orgId,
        boardId,
        position,
        name: valid.name,
        color: valid.color ?? null,
        wipLimit: valid.wipLimit ?? null,
        status: valid.status ?? null,
      });
      await em.insert(BoardColumn, column);
      return em.findOneByOrFail(BoardColumn, { id: column.id });
    });
  }

  async updateColumn(
    request: RequestContext,
    input: { id: string; name?: string | null; color?: string | null; wipLimit?: number | null; status?: TaskStatus | null },
  ): Promise<BoardColumn> {
    const id = fromGlobalId('BoardColumn', input.id);
    const changes = validateInput(
      z.object({ ...columnFields, name: name.optional() }),
      { ...input, name: input.name ?? undefined },
      BoardErrorCode.InvalidInput,
    );
    return this.db.transaction(request, async (em) => {
      const column = await em.findOneBy(BoardColumn, { id });
      if (!column) throw columnNotFound();
      await this.requireBoard(request, 'write', column.boardId, em);
      for (const [key, value] of Object.entries(changes)) if (value !== undefined) Object.assign(column, { [key]: value });
      return em.save(column);
    });
  }

  /** Reorders a column: it goes right after `afterColumnId`, or first. */
  async moveColumn(request: RequestContext, input: { id: string; afterColumnId?: string | null }): Promise<BoardColumn> {
    const id = fromGlobalId('BoardColumn', input.id);
    return this.db.transaction(request, async (em) => {
      const column = await em.findOneBy(BoardColumn, { id });
      if (!column) throw columnNotFound();
      await this.requireBoard(request, 'write', column.boardId, em);
      const afterId = input.afterColumnId ? fromGlobalId('BoardColumn', input.afterColumnId, 'afterColumnId') : null;
      column.position = await this.columnPosition(em, column.boardId, afterId, id);
      return em.save(column);
    });
  }

  async deleteColumn(request: RequestContext, idInput: string): Promise<string> {
    const id = fromGlobalId('BoardColumn', idInput);
    await this.db.transaction(request, async (em) => {
      const column = await em.findOneBy(BoardColumn, { id });
      if (!column) throw columnNotFound();
      await this.requireBoard(request, 'write', column.boardId, em);
      if (await em.countBy(Task, { columnId: id })) throw columnNotEmpty();
      await em.query('UPDATE tasks.tasks SET column_id = NULL, position = NULL WHERE column_id = $1', [id]); // tasks in the trash
      await em.delete(BoardColumn, { id });
    });
    return idInput;
  }

  /**
   * Boards by id the caller may read, null otherwise: unlike tasks, a board the caller may not read
   * answers null, not FORBIDDEN (behind `board(id)`, `Task.board`, `BoardColumn.board` and references).
   */
  async readableByIds(request: RequestContext, ids: readonly string[]): Promise<(Board | null)[]> {
    const boards = await this.access.byIds(request, ids);
    const allowed = await this.access.readableOf(request, boards);
    return alignToKeys(
      ids,
      boards.filter((_, index) => allowed[index]),
      (board) => board.id,
    );
  }

  async columnsByIds(request: RequestContext, ids: readonly string[]): Promise<(BoardColumn | null)[]> {
    const columns = await this.db.transaction(request, (em) => em.findBy(BoardColumn, { id: In([...ids]) }));
    return alignToKeys(ids, columns, (column) => column.id);
  }

  async columnsOf(request: RequestContext, boardIds: readonly string[]): Promise<BoardColumn[]> {
    return this.db.transaction(request, (em) => em.find(BoardColumn, { where: { boardId: In([...boardIds]) }, order: { position: 'ASC' } }));
  }

  /** BOARD_NOT_FOUND for a board that does not exist for the caller or that it cannot read, FORBIDDEN when it may not `action` it; `em`: the caller's transaction. */
  requireBoard(request: RequestContext, action: Action, boardId: string, em?: EntityManager): Promise<void> {
    return this.access.requireExisting(request, action, boardId, undefined, em);
  }

  /** A key after `afterId` (or first), before the next column; `movingId` is ignored as a neighbour. */
  private async columnPosition(em: EntityManager, boardId: string, afterId: string | null, movingId?: string): Promise<string> {
    await em.query('SELECT id FROM tasks.boards WHERE id = $1 FOR UPDATE', [boardId]);
    const columns = (await em.find(BoardColumn, { where: { boardId }, order: { position: 'ASC' } })).filter((c) => c.id !== movingId);
    if (afterId && !columns.some((c) => c.id === afterId)) throw columnNotFound('afterColumnId');
    const index = afterId ? columns.findIndex((c) => c.id === afterId) + 1 : 0;
    return keyBetween(columns[index - 1]?.position ?? null, columns[index]?.position ?? null);
  }
}
