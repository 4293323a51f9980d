// The tasks module's pages, loaded as one chunk when a /tasks route is first opened.
export { BoardsPage } from './BoardsPage';
export { BoardPage } from './BoardPage';
export { TaskListPage } from './TaskListPage';
export { TaskDetailPage, TaskQuickView } from './TaskDetail';
export { ContactTasksWidget } from './ContactTasksWidget';
export { TasksByStatusWidget } from './TasksByStatusWidget';
