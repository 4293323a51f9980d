import { lazy, Suspense, type ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { ModuleDefinition, SearchResult } from '../../app/registry';
import { Loading } from '../../ui/states';
import { TasksSearchQuery } from './operations';
import { activeTranslator } from '../../app/i18n';
import { m } from './messages';

// Pages, the quick view and the widget are one lazily loaded chunk: the shell only carries this file.
const pages = () => import('./pages');

/** A lazily loaded component, shown with a spinner until its chunk arrives. */
function lazyComponent<Props extends object>(load: () => Promise<ComponentType<Props>>): ComponentType<Props> {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function LazyTasksComponent(props: Props) {
    return (
      <Suspense fallback={<Loading />}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

const route = (path: string, pick: (module: Awaited<ReturnType<typeof pages>>) => ComponentType): RouteObject => ({
  path,
  lazy: async () => ({ Component: pick(await pages()) }),
});

const TaskQuickView = lazyComponent(async () => (await pages()).TaskQuickView);
const ContactTasksWidget = lazyComponent(async () => (await pages()).ContactTasksWidget);
const TasksByStatusWidget = lazyComponent(async () => (await pages()).TasksByStatusWidget);

const SEARCH_LIMIT = 8;

export const tasksModule: ModuleDefinition = {
  subgraph: 'tasks',
  navigation: [{ label: m.tasks, path: '/tasks', icon: '✓', order: 10 }],
  routes: [
    route('/tasks', (module) => module.BoardsPage),
    route('/tasks/list', (module) => module.TaskListPage),
    route('/tasks/boards/:boardId', (module) => module.BoardPage),
    route('/tasks/:taskId', (module) => module.TaskDetailPage),
  ],
  widgets: [
    { slot: 'contact.profile', title: m.tasks, component: ContactTasksWidget, order: 10 },
    { slot: 'home', title: m.tasksByStatus, component: TasksByStatusWidget, order: 10 },
  ],
  commands: [
    { id: 'tasks:new-task', label: m.newTask, group: 'Create', keywords: ['task', 'todo', 'create'], path: '/tasks/list?new=task' },
    { id: 'tasks:new-board', label: m.newBoard, group: 'Create', keywords: ['board', 'kanban', 'create'], path: '/tasks?new=board' },
    { id: 'tasks:all-tasks', label: m.goToAllTasks, group: 'Navigate', keywords: ['tasks', 'list'], path: '/tasks/list' },
  ],
  search: {
    async search(client, text, signal): Promise<SearchResult[]> {
      const { data } = await client.query({
        query: TasksSearchQuery,
        variables: { text, first: SEARCH_LIMIT },
        fetchPolicy: 'network-only',
        context: { fetchOptions: { signal } },
      });
      return (data?.tasks?.nodes ?? []).map((task) => ({
        id: task.id,
        typename: 'Task',
        title: task.title,
        subtitle: task.board?.name ?? activeTranslator().t(m.noBoard),
      }));
    },
  },
  quickViews: [{ typename: 'Task', path: (id) => `/tasks/${id}`, component: TaskQuickView }],
};
