import { defineMessages } from '../../app/i18n';

export const m = defineMessages('web.tasks', {
  tasks: { en: 'Tasks', de: 'Aufgaben' },
  tasksByStatus: { en: 'Tasks by status', de: 'Aufgaben nach Status' },
  newTask: { en: 'New task', de: 'Neue Aufgabe' },
  newBoard: { en: 'New board', de: 'Neues Board' },
  goToAllTasks: { en: 'Go to all tasks', de: 'Gehe zu allen Aufgaben' },
  noBoard: { en: 'No board', de: 'Kein Board' },
  statusTodo: { en: 'To do', de: 'Zu erledigen' },
  statusInProgress: { en: 'In progress', de: 'In Arbeit' },
  statusDone: { en: 'Done', de: 'Erledigt' },
  statusCanceled: { en: 'Canceled', de: 'Abgebrochen' },
  priorityUrgent: { en: 'Urgent', de: 'Dringend' },
  priorityHigh: { en: 'High', de: 'Hoch' },
  priorityMedium: { en: 'Medium', de: 'Mittel' },
  priorityLow: { en: 'Low', de: 'Niedrig' },
  noPriority: { en: 'No priority', de: 'Keine Priorität' },
  durationHoursMinutes: { en: '{hours}h {minutes}m', de: '{hours} Std. {minutes} Min.' },
  durationHours: { en: '{hours}h', de: '{hours} Std.' },
  durationMinutes: { en: '{minutes}m', de: '{minutes} Min.' },
  cancel: { en: 'Cancel', de: 'Abbrechen' },
  name: { en: 'Name', de: 'Name' },
});

export const boardsMessages = defineMessages('web.tasks.boards', {
  subtitle: { en: 'Boards of your organization', de: 'Boards Ihrer Organisation' },
  allTasks: { en: 'All tasks', de: 'Alle Aufgaben' },
  loading: { en: 'Loading boards…', de: 'Boards werden geladen…' },
  noBoards: { en: 'No boards yet', de: 'Noch keine Boards' },
  createFirst: { en: 'Create the first board', de: 'Erstes Board erstellen' },
  explanation: { en: 'A board holds tasks in columns, from to do to done.', de: 'Ein Board ordnet Aufgaben in Spalten, von „Zu erledigen“ bis „Erledigt“.' },
  boards: { en: 'Boards', de: 'Boards' },
  summary: {
    en: '{columns, plural, one {# column} other {# columns}} · {tasks, plural, one {# task} other {# tasks}}',
    de: '{columns, plural, one {# Spalte} other {# Spalten}} · {tasks, plural, one {# Aufgabe} other {# Aufgaben}}',
  },
  moreBoards: { en: 'More boards', de: 'Weitere Boards' },
  nameRequired: { en: 'Give the board a name.', de: 'Geben Sie dem Board einen Namen.' },
  wipInvalid: { en: 'The WIP limit is a whole number of at least 1.', de: 'Das WIP-Limit ist eine ganze Zahl ab 1.' },
  newBoardDescription: {
    en: 'It starts with the columns To do, In progress and Done.',
    de: 'Es beginnt mit den Spalten „Zu erledigen“, „In Arbeit“ und „Erledigt“.',
  },
  wipLimit: { en: 'WIP limit of In progress', de: 'WIP-Limit von „In Arbeit“' },
  wipHint: { en: 'Optional: how many tasks may be in progress at once.', de: 'Optional: wie viele Aufgaben gleichzeitig in Arbeit sein dürfen.' },
  createBoard: { en: 'Create board', de: 'Board erstellen' },
});
