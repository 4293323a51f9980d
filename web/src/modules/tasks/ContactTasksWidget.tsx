import { useMutation, useQuery } from '@apollo/client/react';
import { formatDate } from '../../app/format';
import { useState } from 'react';
import { describeError, describeUserErrors } from '../../app/errors';
import { QuickViewLink } from '../../layout/QuickView';
import { Button } from '../../ui/controls';
import { ErrorState, Loading, Notice } from '../../ui/states';
import { statusLabel } from './format';
import { TasksLinkCreateMutation, TasksLinkedTasksQuery } from './operations';
import { NewTaskDialog } from './TaskListPage';
import './tasks.css';
import { useT } from '../../app/i18n';
import { widgetsMessages as w } from './messages';

/** On a contact's profile: the tasks linked to it, and a new task linked to it. */
export function ContactTasksWidget({ objectId }: { objectId: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(TasksLinkedTasksQuery, { variables: { id: objectId } });
  const [linkCreate] = useMutation(TasksLinkCreateMutation, { refetchQueries: ['TasksLinkedTasks'], awaitRefetchQueries: true });
  const [creating, setCreating] = useState(false);
  const [linkError, setLinkError] = useState<string | null>(null);

  async function linkNewTask(taskId: string) {
    setLinkError(null);
    try {
      const { data: result } = await linkCreate({ variables: { input: { fromId: taskId, toId: objectId, relationship: 'related' } } });
      const failure = describeUserErrors(result?.linkCreate?.userErrors);
      if (failure) setLinkError(t(w.notLinked, { reason: failure }));
    } catch (caught) {
      setLinkError(t(w.notLinked, { reason: describeError(caught) }));
    }
  }

  const tasks = (data?.node?.links?.nodes ?? []).flatMap((link) => (link.node?.__typename === 'Task' ? [link.node] : []));
  return (
    <div className="contact-tasks">
      {error && !data ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      {loading && !data ? <Loading /> : null}
      {data && tasks.length === 0 ? <p className="muted">{t(w.noTasksForContact)}</p> : null}
      {tasks.length ? (
        <ul className="task-list-plain">
          {tasks.map((task) => (
            <li key={task.id}>
              <QuickViewLink id={task.id}>{task.title}</QuickViewLink>{' '}
              <span className={`task-status task-status-${task.status.toLowerCase()}`}>{statusLabel(task.status)}</span>
              {task.dueDate ? <span className="muted">{t(w.due, { date: formatDate(task.dueDate) })}</span> : null}
              {task.assignee ? <span className="muted"> · {task.assignee.name}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <Notice>{linkError}</Notice>
      <Button onClick={() => setCreating(true)}>{t(w.newTaskForContact)}</Button>
      <NewTaskDialog open={creating} onOpenChange={setCreating} onCreated={linkNewTask} />
    </div>
  );
}
