import { forgetNodeTags, type TrashSpec } from '@cellgraph/kernel';

/** Tasks in the trash: deleted for good with their checklists, dependencies, watchers and time; subtasks stay, top-level. */
export const taskTrash: TrashSpec = {
  type: 'Task',
  table: 'tasks',
  event: 'task',
  async purge(em, ids) {
    await em.query('UPDATE tasks.tasks SET parent_id = NULL WHERE parent_id = ANY($1)', [ids]);
    await em.query('DELETE FROM tasks.recurrence_runs WHERE task_id = ANY($1)', [ids]);
    await em.query('DELETE FROM tasks.tasks WHERE id = ANY($1)', [ids]);
    await forgetNodeTags(em, 'tasks', ids);
    return [];
  },
};

/** Boards in the trash: deleted for good with their columns and automations; their tasks stay, off any board. */
export const boardTrash: TrashSpec = {
  type: 'Board',
  table: 'boards',
  event: 'board',
  async purge(em, ids) {
    await em.query('UPDATE tasks.tasks SET board_id = NULL, column_id = NULL, position = NULL WHERE board_id = ANY($1)', [ids]);
    await em.query('UPDATE tasks.recurrences SET board_id = NULL, column_id = NULL WHERE board_id = ANY($1)', [ids]);
    await em.query('DELETE FROM tasks.boards WHERE id = ANY($1)', [ids]);
    return [];
  },
};
