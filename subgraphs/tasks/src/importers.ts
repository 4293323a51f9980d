import { defineMessages, type ImporterDeclaration } from '@cellgraph/kernel';

/** Labels of what users may import into tasks (the imports module shows them in its mapping). */
export const taskImportTexts = defineMessages('tasks.import', {
  tasks: { en: 'Tasks', de: 'Aufgaben' },
  title: { en: 'Title', de: 'Titel' },
  description: { en: 'Description', de: 'Beschreibung' },
  status: { en: 'Status', de: 'Status' },
  priority: { en: 'Priority', de: 'Priorität' },
  dueDate: { en: 'Due date', de: 'Fälligkeitsdatum' },
  startDate: { en: 'Start date', de: 'Startdatum' },
  storyPoints: { en: 'Story points', de: 'Story Points' },
  boardId: { en: 'Board (id)', de: 'Board (ID)' },
  assigneeId: { en: 'Assignee (id)', de: 'Zuständig (ID)' },
});

const t = taskImportTexts;

/** Tasks from a spreadsheet: through `taskCreate`, row by row (see the kernel's importers). */
export const taskImporters: readonly ImporterDeclaration[] = [
  {
    type: 'Task',
    label: t.tasks,
    mutation: 'taskCreate',
    inputType: 'TaskCreateInput',
    resultField: 'task',
    fields: [
      { name: 'title', label: t.title, kind: 'string', required: true, aliases: ['Task', 'Name', 'Subject', 'Aufgabe', 'Betreff'] },
      { name: 'description', label: t.description, kind: 'string', aliases: ['Details', 'Notes', 'Notizen'] },
      { name: 'status', label: t.status, kind: 'enum', values: ['TODO', 'IN_PROGRESS', 'DONE', 'CANCELED'] },
      { name: 'priority', label: t.priority, kind: 'enum', values: ['URGENT', 'HIGH', 'MEDIUM', 'LOW'], aliases: ['Prio'] },
      { name: 'dueDate', label: t.dueDate, kind: 'datetime', aliases: ['Due', 'Deadline', 'Fällig'] },
      { name: 'startDate', label: t.startDate, kind: 'datetime', aliases: ['Start', 'Beginn'] },
      { name: 'storyPoints', label: t.storyPoints, kind: 'integer', aliases: ['Points', 'Estimate'] },
      { name: 'boardId', label: t.boardId, kind: 'id', aliases: ['Board'] },
      { name: 'assigneeId', label: t.assigneeId, kind: 'id', aliases: ['Assignee'] },
    ],
  },
];
