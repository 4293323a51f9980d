import type { TasksBoardQuery, TasksCardFragment } from '../../gql/graphql';

export type BoardData = NonNullable<TasksBoardQuery['board']>;
export type BoardColumnData = BoardData['columns'][number];

/** Where a card goes in its column: after or before a neighbour, by its position key, or at the end. */
export type Placement = { afterId?: string | null; beforeId?: string | null } | 'byPosition';

/** The board without the task (each column that held it counts one less). */
export function withoutTask(board: BoardData, taskId: string): BoardData {
  let changed = false;
  const columns = board.columns.map((column) => {
    const tasks = column.tasks;
    if (!tasks || !tasks.nodes.some((task) => task.id === taskId)) return column;
    changed = true;
    return { ...column, tasks: { ...tasks, totalCount: Math.max(0, tasks.totalCount - 1), nodes: tasks.nodes.filter((task) => task.id !== taskId) } };
  });
  return changed ? { ...board, columns } : board;
}

/** The board with `card` in `columnId` at `placement` (taken out of wherever it was). */
export function withTaskPlaced(board: BoardData, card: TasksCardFragment, columnId: string, placement: Placement): BoardData {
  const without = withoutTask(board, card.id);
  return {
    ...without,
    columns: without.columns.map((column) => {
      if (column.id !== columnId) return column;
      const tasks = column.tasks ?? { __typename: 'TaskConnection' as const, totalCount: 0, nodes: [] };
      const nodes = [...tasks.nodes];
      nodes.splice(insertionIndex(nodes, card, placement), 0, card);
      return { ...column, tasks: { ...tasks, totalCount: tasks.totalCount + 1, nodes } };
    }),
  };
}

function insertionIndex(nodes: readonly TasksCardFragment[], card: TasksCardFragment, placement: Placement): number {
  if (placement === 'byPosition') {
    if (card.position == null) return nodes.length;
    const index = nodes.findIndex((other) => other.position != null && other.position > card.position!);
    return index === -1 ? nodes.length : index;
  }
  if (placement.afterId) {
    const index = nodes.findIndex((other) => other.id === placement.afterId);
    if (index !== -1) return index + 1;
  }
  if (placement.beforeId) {
    const index = nodes.findIndex((other) => other.id === placement.beforeId);
    if (index !== -1) return index;
  }
  return nodes.length;
}

/** The neighbours to send to taskMove for a card at `index` of `ids` (the column's order after the drop). */
export function neighboursAt(ids: readonly string[], taskId: string): { afterId: string | null; beforeId: string | null } {
  const index = ids.indexOf(taskId);
  return { afterId: index > 0 ? ids[index - 1]! : null, beforeId: index >= 0 && index < ids.length - 1 ? ids[index + 1]! : null };
}

/** The column holding the task, if any. */
export function columnOfTask(board: BoardData, taskId: string): BoardColumnData | undefined {
  return board.columns.find((column) => column.tasks?.nodes.some((task) => task.id === taskId));
}

export type WipState = 'none' | 'ok' | 'full' | 'exceeded';

/** How a column stands against its work-in-progress limit. */
export function wipState(count: number, limit: number | null | undefined): WipState {
  if (limit == null || limit <= 0) return 'none';
  if (count > limit) return 'exceeded';
  if (count === limit) return 'full';
  return 'ok';
}
