import { defineMessages } from '@cellgraph/kernel';

/** The messages of tasks's errors answered to users (userErrors), in every language. */
export const taskErrorTexts = defineMessages('tasks.errors', {
  boardNotFound: { en: 'No such board in your organization', de: 'Dieses Board gibt es in Ihrer Organisation nicht' },
  columnNotFoundInOrganization: { en: 'No such column in your organization', de: 'Diese Spalte gibt es in Ihrer Organisation nicht' },
  columnNotEmpty: { en: 'Move the column’s tasks out before deleting it', de: 'Verschieben Sie die Aufgaben der Spalte, bevor Sie sie löschen' },
  checklistNotFound: { en: 'No such checklist', de: 'Diese Checkliste gibt es nicht' },
  checklistItemNotFound: { en: 'No such checklist item', de: 'Diesen Checklisteneintrag gibt es nicht' },
  taskNotFound: { en: 'No task with this id exists in your organization', de: 'In Ihrer Organisation gibt es keine Aufgabe mit dieser ID' },
  startAfterDue: { en: 'The start date must not be after the due date', de: 'Das Startdatum darf nicht nach dem Fälligkeitsdatum liegen' },
  assigneeNotMember: { en: 'The assignee must be a member of your organization', de: 'Die zugewiesene Person muss Mitglied Ihrer Organisation sein' },
  parentCycle: {
    en: 'A task cannot be placed under itself or one of its subtasks',
    de: 'Eine Aufgabe kann nicht sich selbst oder einer ihrer Unteraufgaben untergeordnet werden',
  },
  columnNotOnBoard: { en: 'No such column on this board', de: 'Diese Spalte gibt es auf diesem Board nicht' },
  wipLimit: {
    en: '{limit, plural, one {This column holds at most # task} other {This column holds at most # tasks}}',
    de: '{limit, plural, one {Diese Spalte fasst höchstens # Aufgabe} other {Diese Spalte fasst höchstens # Aufgaben}}',
  },
  neighbourNotInColumn: { en: 'The neighbouring task is not in that column', de: 'Die benachbarte Aufgabe ist nicht in dieser Spalte' },
  automationNotFound: { en: 'No such automation', de: 'Diese Automatisierung gibt es nicht' },
  dependencyCycle: {
    en: 'This dependency would close a cycle: the other task already depends on this one',
    de: 'Diese Abhängigkeit würde einen Kreis schließen: Die andere Aufgabe hängt bereits von dieser ab',
  },
  selfDependency: { en: 'A task cannot depend on itself', de: 'Eine Aufgabe kann nicht von sich selbst abhängen' },
  alreadyDepends: { en: 'This task already depends on that one', de: 'Diese Aufgabe hängt bereits von jener ab' },
  dependencyNotFound: { en: 'No such dependency', de: 'Diese Abhängigkeit gibt es nicht' },
  recurrenceNotFound: { en: 'No such recurrence', de: 'Diese Wiederholung gibt es nicht' },
  recurrenceAssigneeNotMember: {
    en: 'Every assignee must be a member of your organization',
    de: 'Alle zugewiesenen Personen müssen Mitglieder Ihrer Organisation sein',
  },
  columnNotFound: { en: 'No such column', de: 'Diese Spalte gibt es nicht' },
  notWatching: { en: 'This user does not watch the task', de: 'Diese Person beobachtet die Aufgabe nicht' },
  watcherUnnamed: { en: 'Name the user to add', de: 'Geben Sie die Person an, die hinzugefügt werden soll' },
  timeEntryNotFound: { en: 'No such time entry of yours', de: 'Diesen Zeiteintrag gibt es bei Ihnen nicht' },
  noRunningTimer: { en: 'No timer is running', de: 'Es läuft kein Timer' },
  reportPeriodInverted: { en: 'from must be before to', de: 'from muss vor to liegen' },
  reportPeriodsMany: { en: 'Group by one period at most', de: 'Gruppieren Sie nach höchstens einem Zeitraum' },
  nameRequired: { en: 'Name is required', de: 'Ein Name ist erforderlich' },
  nameTooLong: { en: 'Name must be at most 200 characters', de: 'Der Name darf höchstens 200 Zeichen haben' },
  colourFormat: { en: 'Colour must look like #1a2b3c', de: 'Eine Farbe muss wie #1a2b3c aussehen' },
  wipLimitMin: { en: 'The limit must be at least 1', de: 'Das Limit muss mindestens 1 sein' },
  titleRequired: { en: 'Title is required', de: 'Ein Titel ist erforderlich' },
  titleTooLong: { en: 'Title must be at most 500 characters', de: 'Der Titel darf höchstens 500 Zeichen haben' },
  descriptionTooLong: { en: 'Description must be at most 100,000 characters', de: 'Die Beschreibung darf höchstens 100.000 Zeichen haben' },
  customFieldsTooLarge: { en: 'Custom fields must be at most 16 KB', de: 'Benutzerdefinierte Felder dürfen höchstens 16 KB groß sein' },
  storyPointsNegative: { en: 'Story points cannot be negative', de: 'Story Points können nicht negativ sein' },
  expectedOneOf: { en: 'Expected one of {values}', de: 'Erwartet wird einer dieser Werte: {values}' },
  triggerOneOf: { en: 'The trigger must be one of {triggers}', de: 'Der Auslöser muss einer dieser Werte sein: {triggers}' },
  actionRequired: { en: 'Give at least one action', de: 'Geben Sie mindestens eine Aktion an' },
  cronRequired: { en: 'A cron expression is required', de: 'Ein Cron-Ausdruck ist erforderlich' },
  timeNoteTooLong: { en: 'The note must be at most 2000 characters', de: 'Die Notiz darf höchstens 2000 Zeichen haben' },
  durationPositive: { en: 'Duration must be positive', de: 'Die Dauer muss positiv sein' },
  endOrDuration: { en: 'Give either endedAt or durationSeconds', de: 'Geben Sie entweder endedAt oder durationSeconds an' },
  endAfterStart: { en: 'The end must be after the start', de: 'Das Ende muss nach dem Beginn liegen' },
  unknownTimeZone: { en: 'Unknown time zone', de: 'Unbekannte Zeitzone' },
  invalidCron: { en: 'Invalid cron expression: {reason}', de: 'Ungültiger Cron-Ausdruck: {reason}' },
});

/** Descriptions of its scheduled jobs (the cell's job registry). */
export const taskJobMessages = defineMessages('tasks.jobs', {
  recurrenceSweep: { en: 'Creates the tasks of recurrences that are due', de: 'Erstellt die fälligen Aufgaben von Wiederholungen' },
});
