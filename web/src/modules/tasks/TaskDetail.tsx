import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { formatDate, formatDateTime, idempotencyKey, initials } from '../../app/format';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { describeError, describeUserErrors, type UserErrorLike } from '../../app/errors';
import type {
  DependencyType,
  TaskPriority,
  TasksCommentFieldsFragment,
  TasksCommentsQuery,
  TaskStatus,
  TasksTaskQuery,
  TaskUpdateInput,
} from '../../gql/graphql';
import { QuickViewLink } from '../../layout/QuickView';
import { WidgetSlot } from '../../layout/WidgetSlot';
import { Button, SelectField, TextArea, TextField } from '../../ui/controls';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { formatDuration, fromDateInput, statusLabel, toDateInput } from './format';
import {
  TasksActivityQuery,
  TasksChecklistCreateMutation,
  TasksChecklistDeleteMutation,
  TasksChecklistItemAddMutation,
  TasksChecklistItemDeleteMutation,
  TasksChecklistItemToggleMutation,
  TasksCommentCreateMutation,
  TasksCommentRepliesQuery,
  TasksCommentsQuery as TasksCommentsQueryDocument,
  TasksCreateTaskMutation,
  TasksDeleteTaskMutation,
  TasksDependencyAddMutation,
  TasksDependencyRemoveMutation,
  TasksLinkDeleteMutation,
  TasksMoveToColumnMutation,
  TasksSearchQuery,
  TasksTagApplyMutation,
  TasksTagRemoveMutation,
  TasksTagsQuery,
  TasksTaskQuery as TaskQuery,
  TasksTimeEntryCreateMutation,
  TasksTimeEntryDeleteMutation,
  TasksTimerStartMutation,
  TasksTimerStopMutation,
  TasksUpdateTaskMutation,
  TasksWatcherAddMutation,
  TasksWatcherRemoveMutation,
} from './operations';
import { MemberSelect, PrioritySelect, StatusSelect, useMembers, type Member } from './pickers';
import './tasks.css';
import { activeTranslator, useT, type Message } from '../../app/i18n';
import { detailMessages as d, listMessages as l, m } from './messages';

type Task = NonNullable<TasksTaskQuery['task']>;

/** Mutations that change what the task query shows refetch it (their payloads do not carry the task). */
const REFETCH_TASK = { refetchQueries: ['TasksTask'] as string[], awaitRefetchQueries: true };

/** Runs a mutation and reports its failure (user error or thrown) in words; true when it worked. */
function useAction() {
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<{ userErrors?: readonly UserErrorLike[] | null } | null | undefined>): Promise<boolean> => {
    setError(null);
    try {
      const payload = await action();
      const failure = describeUserErrors(payload?.userErrors);
      if (failure) {
        setError(failure);
        return false;
      }
      return true;
    } catch (caught) {
      setError(describeError(caught));
      return false;
    }
  };
  return { error, setError, run };
}

export function TaskDetailPage() {
  const { taskId = '' } = useParams();
  return <TaskDetail id={taskId} />;
}

function useTask(id: string) {
  return useQuery(TaskQuery, { variables: { id } });
}

/** The task's own page: every field, its checklist, subtasks, dependencies, time, comments and history. */
export function TaskDetail({ id }: { id: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useTask(id);
  const navigate = useNavigate();
  const [deleteTask, { loading: deleting }] = useMutation(TasksDeleteTaskMutation, { refetchQueries: ['TasksList', 'TasksBoard'] });
  const { error: deleteError, run } = useAction();
  if (error && !data?.task) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading label={t(d.loading)} />;
  const task = data?.task;
  if (!task) return <EmptyState title={t(d.notFound)}>{t(d.gone)}</EmptyState>;

  async function remove() {
    if (!window.confirm(t(d.confirmTrash, { title: task!.title }))) return;
    const ok = await run(async () => (await deleteTask({ variables: { input: { id } } })).data?.taskDelete);
    if (ok) void navigate(task!.board ? `/tasks/boards/${task!.board.id}` : '/tasks/list');
  }

  return (
    <>
      <nav aria-label={t(d.breadcrumb)} className="task-breadcrumb">
        <Link to="/tasks">{t(m.tasks)}</Link>
        {task.board ? (
          <>
            {' / '}
            <Link to={`/tasks/boards/${task.board.id}`}>{task.board.name}</Link>
          </>
        ) : null}
        {task.parent ? (
          <>
            {' / '}
            <Link to={`/tasks/${task.parent.id}`}>{task.parent.title}</Link>
          </>
        ) : null}
      </nav>
      <PageHeader
        title={task.title}
        subtitle={
          <>
            {statusLabel(task.status)}
            {task.column ? ` · ${task.column.name}` : ''}
            {task.blocked ? t(d.blockedSuffix) : ''}
            {task.createdBy ? t(d.createdBy, { name: task.createdBy.name }) : ''} · {formatDate(task.createdAt)}
          </>
        }
        actions={
          <Button variant="danger" onClick={() => void remove()} busy={deleting}>
            {t(d.moveToTrash)}
          </Button>
        }
      />
      <Notice>{deleteError}</Notice>
      <div className="task-detail">
        <div className="task-detail-main">
          <section className="panel" aria-labelledby="task-fields">
            <h2 id="task-fields" className="panel-title">
              {t(d.details)}
            </h2>
            <TaskFields task={task} />
          </section>
          <ChecklistsSection task={task} />
          <SubtasksSection task={task} />
          <CommentsSection taskId={task.id} />
          <ActivitySection taskId={task.id} />
        </div>
        <aside className="task-detail-side" aria-label={t(d.aboutTask)}>
          <TagsSection task={task} />
          <WatchersSection task={task} />
          <DependenciesSection task={task} />
          <TimeSection task={task} />
          <LinksSection task={task} />
          <WidgetSlot slot="task.detail" objectId={task.id} />
        </aside>
      </div>
    </>
  );
}

/** The compact version, in the quick-view slide-over. */
export function TaskQuickView({ id }: { id: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useTask(id);
  if (error && !data?.task) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const task = data?.task;
  if (!task) return <EmptyState title={t(d.notFound)}>{t(d.gone)}</EmptyState>;
  const done = task.checklists.reduce((sum, list) => sum + list.doneCount, 0);
  const total = task.checklists.reduce((sum, list) => sum + list.items.length, 0);
  return (
    <div className="task-quick-view">
      <h3 className="task-quick-title">{task.title}</h3>
      <p className="muted">
        {task.board ? `${task.board.name}${task.column ? ` · ${task.column.name}` : ''}` : t(m.noBoard)}
        {task.blocked ? t(d.blockedSuffix) : ''}
      </p>
      <TaskFields task={task} compact />
      {total ? <p>{t(d.checklistProgress, { done, total })}</p> : null}
      {task.subtasks?.totalCount ? <p>{t(d.subtaskCount, { count: task.subtasks.totalCount })}</p> : null}
      {task.tags?.length ? (
        <p className="task-tags">
          {task.tags.map((tag) => (
            <span key={tag.id} className="task-tag" style={{ borderColor: tag.color }}>
              {tag.name}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}

/** Title, description, status (or column), priority, dates and assignee; saved together. */
function TaskFields({ task, compact = false }: { task: Task; compact?: boolean }) {
  const t = useT();
  const [updateTask, { loading }] = useMutation(TasksUpdateTaskMutation);
  const [moveTask, { loading: moving }] = useMutation(TasksMoveToColumnMutation, { refetchQueries: ['TasksBoard'] });
  const { error, run } = useAction();
  const [saved, setSaved] = useState(false);
  const [values, setValues] = useState(() => fieldsOf(task));
  const initial = useMemo(() => fieldsOf(task), [task]);
  useEffect(() => setValues(fieldsOf(task)), [task]);
  const set = (patch: Partial<ReturnType<typeof fieldsOf>>) => {
    setSaved(false);
    setValues((current) => ({ ...current, ...patch }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!values.title.trim()) return;
    const input: TaskUpdateInput = { id: task.id };
    if (values.title.trim() !== initial.title) input.title = values.title.trim();
    if (values.description !== initial.description) input.description = values.description || null;
    if (values.status !== initial.status) input.status = values.status as TaskStatus;
    if (values.priority !== initial.priority) input.priority = (values.priority || null) as TaskPriority | null;
    if (values.dueDate !== initial.dueDate) input.dueDate = fromDateInput(values.dueDate);
    if (values.startDate !== initial.startDate) input.startDate = fromDateInput(values.startDate);
    if (values.assigneeId !== initial.assigneeId) input.assigneeId = values.assigneeId || null;
    if (Object.keys(input).length === 1) return;
    const ok = await run(async () => (await updateTask({ variables: { input } })).data?.taskUpdate);
    setSaved(ok);
  }

  async function moveToColumn(columnId: string) {
    await run(async () => (await moveTask({ variables: { input: { id: task.id, columnId } } })).data?.taskMove);
  }

  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  return (
    <form className={`form ${compact ? 'task-fields-compact' : ''}`} onSubmit={submit} aria-label={t(d.taskDetails)}>
      <TextField label={t(l.title)} value={values.title} onChange={(event) => set({ title: event.target.value })} required maxLength={500} />
      {compact ? null : <TextArea label={t(l.description)} value={values.description} onChange={(event) => set({ description: event.target.value })} />}
      <div className="form-row">
        {task.board ? (
          <SelectField
            label={t(l.column)}
            value={task.column?.id ?? ''}
            disabled={moving}
            onChange={(event) => void moveToColumn(event.target.value)}
            hint={t(d.columnHint)}
          >
            {task.column ? null : <option value="">{t(d.none)}</option>}
            {task.board.columns.map((column) => (
              <option key={column.id} value={column.id}>
                {column.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <StatusSelect label={t(l.status)} value={values.status} onChange={(event) => set({ status: event.target.value })} />
        <PrioritySelect label={t(l.priority)} value={values.priority} onChange={(event) => set({ priority: event.target.value })} />
      </div>
      <div className="form-row">
        {compact ? null : (
          <TextField label={t(d.startDate)} type="date" value={values.startDate} onChange={(event) => set({ startDate: event.target.value })} />
        )}
        <TextField label={t(l.dueDate)} type="date" value={values.dueDate} onChange={(event) => set({ dueDate: event.target.value })} />
        <MemberSelect
          label={t(l.assignee)}
          emptyLabel={t(l.unassigned)}
          value={values.assigneeId}
          onChange={(event) => set({ assigneeId: event.target.value })}
        />
      </div>
      <Notice>{error}</Notice>
      {saved && !dirty ? <Notice tone="success">{t(d.saved)}</Notice> : null}
      <div className="button-row">
        <Button type="submit" variant="primary" busy={loading} disabled={!dirty}>
          {t(d.saveChanges)}
        </Button>
        {dirty ? <Button onClick={() => setValues(initial)}>{t(d.discard)}</Button> : null}
      </div>
    </form>
  );
}

function fieldsOf(task: Task) {
  return {
    title: task.title,
    description: task.description ?? '',
    status: task.status as string,
    priority: (task.priority ?? '') as string,
    dueDate: toDateInput(task.dueDate),
    startDate: toDateInput(task.startDate),
    assigneeId: task.assignee?.id ?? '',
  };
}

function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <section className="panel task-section" aria-labelledby={id}>
      <div className="task-section-header">
        <h2 id={id} className="panel-title">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** One text box and a button: adds something by name. */
function InlineAdd({ label, button, onAdd, busy }: { label: string; button: string; onAdd(text: string): Promise<boolean>; busy?: boolean }) {
  const [text, setText] = useState('');
  return (
    <form
      className="inline-add"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!text.trim()) return;
        if (await onAdd(text.trim())) setText('');
      }}
    >
      <TextField label={label} value={text} onChange={(event) => setText(event.target.value)} />
      <Button type="submit" busy={busy}>
        {button}
      </Button>
    </form>
  );
}

function ChecklistsSection({ task }: { task: Task }) {
  const t = useT();
  const [createChecklist, { loading: creating }] = useMutation(TasksChecklistCreateMutation, REFETCH_TASK);
  const [deleteChecklist] = useMutation(TasksChecklistDeleteMutation, REFETCH_TASK);
  const [addItem, { loading: adding }] = useMutation(TasksChecklistItemAddMutation, REFETCH_TASK);
  const [toggleItem] = useMutation(TasksChecklistItemToggleMutation);
  const [deleteItem] = useMutation(TasksChecklistItemDeleteMutation, REFETCH_TASK);
  const { error, run } = useAction();

  return (
    <Section title={t(d.checklist)}>
      {task.checklists.map((checklist) => (
        <div key={checklist.id} className="checklist">
          <div className="task-section-header">
            <h3 className="checklist-title">
              {checklist.title}{' '}
              <span className="muted">
                {checklist.doneCount}/{checklist.items.length}
              </span>
            </h3>
            <Button
              variant="ghost"
              aria-label={t(d.deleteChecklist, { title: checklist.title })}
              onClick={() => void run(async () => (await deleteChecklist({ variables: { input: { id: checklist.id } } })).data?.checklistDelete)}
            >
              {t(d.delete)}
            </Button>
          </div>
          <progress
            className="checklist-progress"
            max={Math.max(1, checklist.items.length)}
            value={checklist.doneCount}
            aria-label={t(d.progress, { title: checklist.title })}
          />
          <ul className="checklist-items">
            {checklist.items.map((item) => (
              <li key={item.id} className="checklist-item">
                <label>
                  <input
                    type="checkbox"
                    checked={item.done}
                    onChange={(event) =>
                      void run(
                        async () =>
                          (
                            await toggleItem({
                              variables: { input: { id: item.id, done: event.target.checked } },
                              optimisticResponse: {
                                __typename: 'Mutation',
                                checklistItemToggle: {
                                  __typename: 'ChecklistItemPayload',
                                  item: { __typename: 'ChecklistItem', id: item.id, done: event.target.checked, doneAt: null },
                                  userErrors: [],
                                },
                              },
                              refetchQueries: ['TasksTask'],
                            })
                          ).data?.checklistItemToggle,
                      )
                    }
                  />
                  <span className={item.done ? 'checklist-done' : undefined}>{item.title}</span>
                </label>
                <Button
                  variant="ghost"
                  aria-label={t(d.removeItem, { title: item.title })}
                  onClick={() => void run(async () => (await deleteItem({ variables: { input: { id: item.id } } })).data?.checklistItemDelete)}
                >
                  ×
                </Button>
              </li>
            ))}
          </ul>
          <InlineAdd
            label={t(d.newItemIn, { title: checklist.title })}
            button={t(d.addItem)}
            busy={adding}
            onAdd={(title) => run(async () => (await addItem({ variables: { input: { checklistId: checklist.id, title } } })).data?.checklistItemAdd)}
          />
        </div>
      ))}
      <InlineAdd
        label={t(d.newChecklist)}
        button={t(d.addChecklist)}
        busy={creating}
        onAdd={(title) => run(async () => (await createChecklist({ variables: { input: { taskId: task.id, title } } })).data?.checklistCreate)}
      />
      <Notice>{error}</Notice>
    </Section>
  );
}

function SubtasksSection({ task }: { task: Task }) {
  const t = useT();
  const [createTask, { loading }] = useMutation(TasksCreateTaskMutation, REFETCH_TASK);
  const { error, run } = useAction();
  const subtasks = task.subtasks?.nodes ?? [];
  return (
    <Section title={task.subtasks?.totalCount ? t(d.subtasksCounted, { count: task.subtasks.totalCount }) : t(d.subtasks)}>
      {subtasks.length ? (
        <ul className="task-list-plain">
          {subtasks.map((subtask) => (
            <li key={subtask.id}>
              <Link to={`/tasks/${subtask.id}`}>{subtask.title}</Link>{' '}
              <span className={`task-status task-status-${subtask.status.toLowerCase()}`}>{statusLabel(subtask.status)}</span>
              {subtask.assignee ? <span className="muted"> · {subtask.assignee.name}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t(d.noSubtasks)}</p>
      )}
      <InlineAdd
        label={t(d.newSubtask)}
        button={t(d.addSubtask)}
        busy={loading}
        onAdd={(title) =>
          run(
            async () =>
              (await createTask({ variables: { input: { title, parentId: task.id, boardId: task.board?.id ?? null, idempotencyKey: idempotencyKey() } } })).data
                ?.taskCreate,
          )
        }
      />
      <Notice>{error}</Notice>
    </Section>
  );
}

/** Finds a task by title and hands it back (dependencies). */
function TaskPicker({ label, exclude, onPick, busy }: { label: string; exclude: readonly string[]; onPick(id: string): void; busy?: boolean }) {
  const t = useT();
  const [text, setText] = useState('');
  const [search, { data, loading, error }] = useLazyQuery(TasksSearchQuery);
  useEffect(() => {
    if (text.trim().length < 2) return;
    const timer = setTimeout(() => void search({ variables: { text: text.trim(), first: 8 } }).catch(() => undefined), 250);
    return () => clearTimeout(timer);
  }, [text, search]);
  const results = text.trim().length < 2 ? [] : (data?.tasks?.nodes ?? []).filter((task) => !exclude.includes(task.id));
  return (
    <div className="task-picker">
      <TextField label={label} type="search" value={text} onChange={(event) => setText(event.target.value)} hint={t(d.pickerHint)} />
      {loading ? <p className="muted">{t(d.searching)}</p> : null}
      {error ? <Notice>{describeError(error)}</Notice> : null}
      {results.length ? (
        <ul className="task-picker-results" aria-label={t(d.matchingTasks)}>
          {results.map((result) => (
            <li key={result.id}>
              <Button
                variant="ghost"
                busy={busy}
                onClick={() => {
                  onPick(result.id);
                  setText('');
                }}
              >
                {result.title}
                {result.board ? <span className="muted"> · {result.board.name}</span> : null}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

const DEPENDENCY_LABELS: Record<DependencyType, Message> = {
  FINISH_TO_START: d.finishToStart,
  START_TO_START: d.startToStart,
  FINISH_TO_FINISH: d.finishToFinish,
};

function DependenciesSection({ task }: { task: Task }) {
  const t = useT();
  const [addDependency, { loading }] = useMutation(TasksDependencyAddMutation, REFETCH_TASK);
  const [removeDependency] = useMutation(TasksDependencyRemoveMutation, REFETCH_TASK);
  const [type, setType] = useState<DependencyType>('FINISH_TO_START');
  const { error, run } = useAction();
  const exclude = [task.id, ...task.dependencies.flatMap((dependency) => (dependency.dependsOn ? [dependency.dependsOn.id] : []))];
  return (
    <Section title={t(d.dependencies)}>
      {task.blocked ? <Notice tone="info">{t(d.blockedNotice)}</Notice> : null}
      <h3 className="task-subheading">{t(d.waitsFor)}</h3>
      {task.dependencies.length ? (
        <ul className="task-list-plain">
          {task.dependencies.map((dependency) => (
            <li key={dependency.id}>
              {dependency.dependsOn ? (
                <QuickViewLink id={dependency.dependsOn.id}>{dependency.dependsOn.title}</QuickViewLink>
              ) : (
                <span className="muted">{t(d.hiddenTask)}</span>
              )}{' '}
              <span className="muted">({t(DEPENDENCY_LABELS[dependency.type])})</span>
              <Button
                variant="ghost"
                aria-label={t(d.removeDependency, { title: dependency.dependsOn?.title ?? t(d.thisTask) })}
                onClick={() => void run(async () => (await removeDependency({ variables: { input: { id: dependency.id } } })).data?.taskDependencyRemove)}
              >
                ×
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t(d.nothing)}</p>
      )}
      <h3 className="task-subheading">{t(d.waitedForBy)}</h3>
      {task.dependents.length ? (
        <ul className="task-list-plain">
          {task.dependents.map((dependent) => (
            <li key={dependent.id}>
              {dependent.task ? <QuickViewLink id={dependent.task.id}>{dependent.task.title}</QuickViewLink> : <span className="muted">{t(d.hiddenTask)}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t(d.nothing)}</p>
      )}
      <SelectField label={t(d.dependencyKind)} value={type} onChange={(event) => setType(event.target.value as DependencyType)}>
        {Object.entries(DEPENDENCY_LABELS).map(([value, text]) => (
          <option key={value} value={value}>
            {t(d.thisTaskDoes, { relation: t(text) })}
          </option>
        ))}
      </SelectField>
      <TaskPicker
        label={t(d.addWaitsFor)}
        exclude={exclude}
        busy={loading}
        onPick={(dependsOnId) =>
          void run(async () => (await addDependency({ variables: { input: { taskId: task.id, dependsOnId, type } } })).data?.taskDependencyAdd)
        }
      />
      <Notice>{error}</Notice>
    </Section>
  );
}

function WatchersSection({ task }: { task: Task }) {
  const t = useT();
  const [addWatcher, { loading }] = useMutation(TasksWatcherAddMutation, REFETCH_TASK);
  const [removeWatcher] = useMutation(TasksWatcherRemoveMutation, REFETCH_TASK);
  const { members } = useMembers();
  const [userId, setUserId] = useState('');
  const { error, run } = useAction();
  const watching = new Set(task.watchers.map((watcher) => watcher.id));
  return (
    <Section title={t(d.watchers)}>
      {task.watchers.length ? (
        <ul className="task-people">
          {task.watchers.map((watcher) => (
            <li key={watcher.id}>
              <span className="task-assignee" aria-hidden>
                {initials(watcher.name)}
              </span>
              {watcher.name}
              <Button
                variant="ghost"
                aria-label={t(d.stopWatching, { name: watcher.name })}
                onClick={() =>
                  void run(async () => (await removeWatcher({ variables: { input: { taskId: task.id, userId: watcher.id } } })).data?.taskWatcherRemove)
                }
              >
                ×
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t(d.noWatchers)}</p>
      )}
      <form
        className="inline-add"
        onSubmit={async (event) => {
          event.preventDefault();
          const ok = await run(async () => (await addWatcher({ variables: { input: { taskId: task.id, userId: userId || null } } })).data?.taskWatcherAdd);
          if (ok) setUserId('');
        }}
      >
        <SelectField label={t(d.addWatcher)} value={userId} onChange={(event) => setUserId(event.target.value)}>
          <option value="">{t(d.me)}</option>
          {members
            .filter((member) => !watching.has(member.id))
            .map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
        </SelectField>
        <Button type="submit" busy={loading}>
          {t(d.watch)}
        </Button>
      </form>
      <Notice>{error}</Notice>
    </Section>
  );
}

function TimeSection({ task }: { task: Task }) {
  const t = useT();
  const [startTimer, { loading: starting }] = useMutation(TasksTimerStartMutation, REFETCH_TASK);
  const [stopTimer, { loading: stopping }] = useMutation(TasksTimerStopMutation, REFETCH_TASK);
  const [createEntry, { loading: logging }] = useMutation(TasksTimeEntryCreateMutation, REFETCH_TASK);
  const [deleteEntry] = useMutation(TasksTimeEntryDeleteMutation, REFETCH_TASK);
  const { error, setError, run } = useAction();
  const running = task.timeEntries.some((entry) => entry.running);

  async function log(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const minutes = Number(form.get('minutes'));
    if (!Number.isFinite(minutes) || minutes <= 0) return setError(t(d.minutesRequired));
    const day = fromDateInput(String(form.get('day') ?? ''));
    const endedAt = day ? new Date(new Date(day).setHours(17, 0, 0, 0)) : new Date();
    const startedAt = new Date(endedAt.getTime() - minutes * 60_000).toISOString();
    const ok = await run(
      async () =>
        (
          await createEntry({
            variables: {
              input: {
                taskId: task.id,
                startedAt,
                durationSeconds: Math.round(minutes * 60),
                billable: form.get('billable') === 'on',
                note: String(form.get('note') ?? '') || null,
              },
            },
          })
        ).data?.timeEntryCreate,
    );
    if (ok) formElement.reset();
  }

  return (
    <Section
      title={t(d.time, { duration: formatDuration(task.trackedSeconds) })}
      actions={
        running ? (
          <Button onClick={() => void run(async () => (await stopTimer()).data?.timerStop)} busy={stopping}>
            {t(d.stopTimer)}
          </Button>
        ) : (
          <Button onClick={() => void run(async () => (await startTimer({ variables: { input: { taskId: task.id } } })).data?.timerStart)} busy={starting}>
            {t(d.startTimer)}
          </Button>
        )
      }
    >
      {task.timeEntries.length ? (
        <ul className="task-list-plain">
          {task.timeEntries.map((entry) => (
            <li key={entry.id}>
              {entry.running ? <strong>{t(d.running)}</strong> : null}
              {formatDuration(entry.durationSeconds)} · {entry.user.name} · {formatDateTime(entry.startedAt)}
              {entry.billable ? t(d.billableSuffix) : ''}
              {entry.note ? <span className="muted"> — {entry.note}</span> : null}
              {entry.running ? null : (
                <Button
                  variant="ghost"
                  aria-label={t(d.deleteEntry, { duration: formatDuration(entry.durationSeconds), date: formatDateTime(entry.startedAt) })}
                  onClick={() => void run(async () => (await deleteEntry({ variables: { input: { id: entry.id } } })).data?.timeEntryDelete)}
                >
                  ×
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t(d.noTime)}</p>
      )}
      <form className="form time-log" onSubmit={log} aria-label={t(d.logTimeForm)}>
        <div className="form-row">
          <TextField label={t(d.minutes)} name="minutes" type="number" min={1} inputMode="numeric" required />
          <TextField label={t(d.day)} name="day" type="date" />
        </div>
        <TextField label={t(d.note)} name="note" />
        <label className="checkbox-label">
          <input type="checkbox" name="billable" /> {t(d.billable)}
        </label>
        <Button type="submit" busy={logging}>
          {t(d.logTimeForm)}
        </Button>
      </form>
      <Notice>{error}</Notice>
    </Section>
  );
}

function TagsSection({ task }: { task: Task }) {
  const t = useT();
  const [applyTag, { loading }] = useMutation(TasksTagApplyMutation, REFETCH_TASK);
  const [removeTag] = useMutation(TasksTagRemoveMutation, REFETCH_TASK);
  const { data } = useQuery(TasksTagsQuery, { variables: { search: null } });
  const [tagId, setTagId] = useState('');
  const { error, run } = useAction();
  const current = new Set((task.tags ?? []).map((tag) => tag.id));
  const available = (data?.tags?.nodes ?? []).filter((tag) => !current.has(tag.id));
  return (
    <Section title={t(d.tags)}>
      {task.tags?.length ? (
        <ul className="task-tags">
          {task.tags.map((tag) => (
            <li key={tag.id} className="task-tag" style={{ borderColor: tag.color }}>
              {tag.name}
              <button
                type="button"
                className="task-tag-remove"
                aria-label={t(d.removeTag, { name: tag.name })}
                onClick={() => void run(async () => (await removeTag({ variables: { input: { tagId: tag.id, nodeIds: [task.id] } } })).data?.tagRemove)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t(d.noTags)}</p>
      )}
      {available.length ? (
        <form
          className="inline-add"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!tagId) return;
            if (await run(async () => (await applyTag({ variables: { input: { tagId, nodeIds: [task.id] } } })).data?.tagApply)) setTagId('');
          }}
        >
          <SelectField label={t(d.addTag)} value={tagId} onChange={(event) => setTagId(event.target.value)}>
            <option value="">{t(d.chooseTag)}</option>
            {available.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name}
              </option>
            ))}
          </SelectField>
          <Button type="submit" busy={loading} disabled={!tagId}>
            {t(d.add)}
          </Button>
        </form>
      ) : null}
      <Notice>{error}</Notice>
    </Section>
  );
}

type LinkedNode = NonNullable<NonNullable<Task['links']>['nodes'][number]['node']>;

function nodeLabel(node: LinkedNode): string {
  if ('title' in node && typeof node.title === 'string') return node.title;
  if ('name' in node && typeof node.name === 'string') return node.name;
  return node.__typename;
}

function LinksSection({ task }: { task: Task }) {
  const t = useT();
  const [deleteLink] = useMutation(TasksLinkDeleteMutation, REFETCH_TASK);
  const { error, run } = useAction();
  const links = task.links?.nodes ?? [];
  return (
    <Section title={t(d.linked)}>
      {links.length ? (
        <ul className="task-list-plain">
          {links.map((link) => (
            <li key={link.id}>
              <span className="badge">{link.node?.__typename ?? t(d.hidden)}</span>{' '}
              {link.node ? <QuickViewLink id={link.node.id}>{nodeLabel(link.node)}</QuickViewLink> : <span className="muted">{t(d.hiddenObject)}</span>}{' '}
              <span className="muted">{link.relationship.replace(/_/g, ' ')}</span>
              <Button
                variant="ghost"
                aria-label={t(d.removeLink, { name: link.node ? nodeLabel(link.node) : t(d.thisObject) })}
                onClick={() => void run(async () => (await deleteLink({ variables: { input: { id: link.id } } })).data?.linkDelete)}
              >
                ×
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t(d.notLinked)}</p>
      )}
      <Notice>{error}</Notice>
    </Section>
  );
}

/** A comment's text with its <@userId> mentions shown as @Name. */
function CommentBody({ body, mentions }: { body: string; mentions: readonly { id: string; name: string }[] }) {
  const parts = body.split(/(<@[^>\s]+>)/g);
  return (
    <p className="comment-body">
      {parts.map((part, index) => {
        const match = /^<@([^>\s]+)>$/.exec(part);
        if (!match) return part;
        const person = mentions.find((mention) => mention.id === match[1]);
        return (
          <span key={index} className="mention">
            @{person?.name ?? 'someone'}
          </span>
        );
      })}
    </p>
  );
}

/** "@Ada Lovelace" (as typed, after choosing her) → "<@userId>" (as the API wants mentions). */
export function encodeMentions(text: string, chosen: readonly Member[]): string {
  return [...chosen].sort((a, b) => b.name.length - a.name.length).reduce((body, member) => body.split(`@${member.name}`).join(`<@${member.id}>`), text);
}

type CommentFields = TasksCommentFieldsFragment;
type Thread = NonNullable<NonNullable<TasksCommentsQuery['task']>['comments']>['nodes'][number];

/** The newest comments, earlier ones on demand, each thread with its replies. */
function CommentsSection({ taskId }: { taskId: string }) {
  const t = useT();
  const { data, loading, error, refetch, fetchMore } = useQuery(TasksCommentsQueryDocument, { variables: { id: taskId } });
  const { error: moreError, run } = useAction();
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const page = data?.task?.comments;
  const comments = page?.nodes ?? [];

  async function loadEarlier() {
    setLoadingEarlier(true);
    await run(async () => {
      await fetchMore({
        variables: { id: taskId, before: page?.pageInfo.startCursor },
        updateQuery: (previous, { fetchMoreResult }) => {
          const earlier = fetchMoreResult.task?.comments;
          if (!previous.task?.comments || !earlier) return previous as typeof fetchMoreResult;
          const shown = new Set(previous.task.comments.nodes.map((comment) => comment.id));
          const nodes = [...earlier.nodes.filter((comment) => !shown.has(comment.id)), ...previous.task.comments.nodes];
          return {
            ...previous,
            task: { ...previous.task, comments: { ...previous.task.comments, pageInfo: earlier.pageInfo, nodes } },
          } as typeof fetchMoreResult;
        },
      });
      return null;
    });
    setLoadingEarlier(false);
  }

  return (
    <Section title={page?.totalCount ? t(d.commentsCounted, { count: page.totalCount }) : t(d.comments)}>
      {error && !data ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      {loading && !data ? <Loading /> : null}
      {page?.pageInfo.hasPreviousPage ? (
        <Button variant="ghost" onClick={() => void loadEarlier()} busy={loadingEarlier}>
          {t(d.earlierComments, { count: page.totalCount - comments.length })}
        </Button>
      ) : null}
      <Notice>{moreError}</Notice>
      <ol className="comments">
        {comments.map((comment) => (
          <li key={comment.id} className="comment">
            <Comment comment={comment} />
            <Replies thread={comment} />
            {comment.deleted ? null : (
              <CommentForm taskId={taskId} parentId={comment.id} label={t(d.replyTo, { name: comment.author?.name ?? t(d.thisComment) })} compact />
            )}
          </li>
        ))}
      </ol>
      <CommentForm taskId={taskId} label={t(d.newComment)} />
    </Section>
  );
}

/** A thread's replies: the first page with the thread, the rest on demand. */
function Replies({ thread }: { thread: Thread }) {
  const t = useT();
  const [more, setMore] = useState<{ nodes: CommentFields[]; endCursor: string | null; hasNextPage: boolean } | null>(null);
  const [fetchReplies, { loading }] = useLazyQuery(TasksCommentRepliesQuery, { fetchPolicy: 'network-only' });
  const { error, run } = useAction();
  const first = thread.replies?.nodes ?? [];
  const shown = new Set(first.map((reply) => reply.id));
  const replies = [...first, ...(more?.nodes.filter((reply) => !shown.has(reply.id)) ?? [])];
  const hasNextPage = more ? more.hasNextPage : (thread.replies?.pageInfo.hasNextPage ?? false);

  async function showMore() {
    await run(async () => {
      const after = more ? more.endCursor : (thread.replies?.pageInfo.endCursor ?? null);
      const { data } = await fetchReplies({ variables: { id: thread.id, after } });
      const page = data?.comment?.replies;
      if (!page) throw new Error(t(d.repliesFailed));
      setMore((current) => ({
        nodes: [...(current?.nodes ?? []), ...page.nodes],
        endCursor: page.pageInfo.endCursor ?? null,
        hasNextPage: page.pageInfo.hasNextPage,
      }));
      return null;
    });
  }

  if (!replies.length) return null;
  return (
    <>
      <ol className="comment-replies">
        {replies.map((reply) => (
          <li key={reply.id} className="comment">
            <Comment comment={reply} />
          </li>
        ))}
      </ol>
      {hasNextPage ? (
        <Button variant="ghost" onClick={() => void showMore()} busy={loading}>
          {t(d.moreReplies, { count: (thread.replies?.totalCount ?? replies.length) - replies.length })}
        </Button>
      ) : null}
      <Notice>{error}</Notice>
    </>
  );
}

function Comment({
  comment,
}: {
  comment: {
    body: string;
    createdAt: string;
    editedAt: string | null;
    deleted: boolean;
    author: { name: string } | null;
    mentions: readonly { id: string; name: string }[];
  };
}) {
  const t = useT();
  return (
    <>
      <p className="comment-meta">
        <strong>{comment.author?.name ?? t(d.someone)}</strong> · <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
        {comment.editedAt ? t(d.edited) : ''}
      </p>
      {comment.deleted ? <p className="muted">{t(d.deleted)}</p> : <CommentBody body={comment.body} mentions={comment.mentions} />}
    </>
  );
}

/** A comment box: typing @ and a few letters offers the members to mention. */
function CommentForm({ taskId, parentId, label, compact = false }: { taskId: string; parentId?: string; label: string; compact?: boolean }) {
  const t = useT();
  const [createComment, { loading }] = useMutation(TasksCommentCreateMutation, {
    refetchQueries: ['TasksComments', 'TasksActivity'],
    awaitRefetchQueries: true,
  });
  const { members } = useMembers();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<Member[]>([]);
  const [open, setOpen] = useState(!compact);
  const [caret, setCaret] = useState(0);
  const box = useRef<HTMLDivElement | null>(null);
  const { error, run } = useAction();
  const listId = useId();

  const query = /(?:^|\s)@([^\s@<>]{0,30})$/.exec(text.slice(0, caret))?.[1];
  const suggestions = query === undefined ? [] : members.filter((member) => member.name.toLowerCase().includes(query.toLowerCase())).slice(0, 6);

  function mention(member: Member) {
    const before = text.slice(0, caret).replace(/@([^\s@<>]{0,30})$/, `@${member.name} `);
    const next = before + text.slice(caret);
    setText(next);
    setChosen((current) => (current.some((other) => other.id === member.id) ? current : [...current, member]));
    setCaret(before.length);
    requestAnimationFrame(() => {
      const area = box.current?.querySelector('textarea');
      area?.focus();
      area?.setSelectionRange(before.length, before.length);
    });
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!text.trim()) return;
    const body = encodeMentions(text.trim(), chosen);
    const ok = await run(
      async () =>
        (await createComment({ variables: { input: { nodeId: taskId, body, parentId: parentId ?? null, idempotencyKey: idempotencyKey() } } })).data
          ?.commentCreate,
    );
    if (ok) {
      setText('');
      setChosen([]);
      if (compact) setOpen(false);
    }
  }

  if (!open) {
    return (
      <Button variant="ghost" onClick={() => setOpen(true)}>
        {label}
      </Button>
    );
  }
  return (
    <form className="form comment-form" onSubmit={submit}>
      <div ref={box}>
        <TextArea
          label={label}
          hint={t(d.mentionHint)}
          value={text}
          rows={compact ? 2 : 3}
          aria-controls={suggestions.length ? listId : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setCaret(event.target.selectionStart ?? event.target.value.length);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart ?? 0)}
          maxLength={10_000}
        />
      </div>
      {suggestions.length ? (
        <ul id={listId} className="mention-suggestions" aria-label={t(d.peopleToMention)}>
          {suggestions.map((member) => (
            <li key={member.id}>
              <Button variant="ghost" onClick={() => mention(member)}>
                @{member.name} <span className="muted">{member.email}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <Notice>{error}</Notice>
      <div className="button-row">
        <Button type="submit" variant="primary" busy={loading} disabled={!text.trim()}>
          {parentId ? t(d.reply) : t(d.comment)}
        </Button>
        {compact ? <Button onClick={() => setOpen(false)}>{t(m.cancel)}</Button> : null}
      </div>
    </form>
  );
}

/** "task.status_changed" → "status changed", in the reader's language (an unknown event reads as its words). */
function humanEvent(event: string): string {
  const [, action = event] = event.split('.');
  return activeTranslator().t(d.activityEvent, { action, fallback: action.replace(/_/g, ' ') });
}

function ActivitySection({ taskId }: { taskId: string }) {
  const t = useT();
  const { data, loading, error, refetch, fetchMore } = useQuery(TasksActivityQuery, { variables: { id: taskId } });
  const [moreError, setMoreError] = useState<string | null>(null);
  const activity = data?.task?.activity;
  const items = activity?.nodes ?? [];

  async function loadMore() {
    setMoreError(null);
    try {
      await fetchMore({
        variables: { id: taskId, after: activity?.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => {
          const older = fetchMoreResult.task?.activity;
          if (!previous.task?.activity || !older) return previous as typeof fetchMoreResult;
          return {
            ...previous,
            task: { ...previous.task, activity: { ...older, nodes: [...previous.task.activity.nodes, ...older.nodes] } },
          } as typeof fetchMoreResult;
        },
      });
    } catch (caught) {
      setMoreError(describeError(caught));
    }
  }

  return (
    <Section title={t(d.activity)}>
      {error && !data ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      {loading && !data ? <Loading /> : null}
      {data && items.length === 0 ? <p className="muted">{t(d.nothingYet)}</p> : null}
      <ol className="activity">
        {items.map((item) =>
          item.__typename === 'ActivityEvent' ? (
            <li key={item.id} className="activity-item">
              <time dateTime={item.occurredAt}>{formatDateTime(item.occurredAt)}</time> <strong>{item.actor?.name ?? 'Cellgraph'}</strong>{' '}
              {humanEvent(item.event)}
            </li>
          ) : (
            <li key={item.id} className="activity-item">
              <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time> <strong>{item.author?.name ?? t(d.someone)}</strong> {t(d.commented)}
              {item.deleted ? null : <CommentBody body={item.body} mentions={item.mentions} />}
            </li>
          ),
        )}
      </ol>
      {activity?.pageInfo.hasNextPage ? (
        <Button onClick={() => void loadMore()} busy={loading}>
          {t(d.olderActivity)}
        </Button>
      ) : null}
      <Notice>{moreError}</Notice>
    </Section>
  );
}
