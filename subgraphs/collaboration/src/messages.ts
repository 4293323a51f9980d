import { defineMessages } from '@cellgraph/kernel';

/** The messages of collaboration's errors answered to users (userErrors), in every language. */
export const collaborationErrorTexts = defineMessages('collaboration.errors', {
  nodeNotFound: {
    en: 'No object with this id exists in your organization or is visible to you',
    de: 'In Ihrer Organisation gibt es kein für Sie sichtbares Objekt mit dieser ID',
  },
  linkNotFound: { en: 'No such link', de: 'Diese Verknüpfung gibt es nicht' },
  alreadyLinked: { en: 'These objects are already linked with this relationship', de: 'Diese Objekte sind bereits mit dieser Beziehung verknüpft' },
  relationshipFormat: {
    en: 'A relationship is lower-case words joined by _ (at most 50 characters)',
    de: 'Eine Beziehung besteht aus kleingeschriebenen, mit _ verbundenen Wörtern (höchstens 50 Zeichen)',
  },
  selfLink: { en: 'An object cannot be linked to itself', de: 'Ein Objekt kann nicht mit sich selbst verknüpft werden' },
  tagNotFound: { en: 'No such tag in your organization', de: 'Dieses Tag gibt es in Ihrer Organisation nicht' },
  tagNameTaken: { en: 'Another tag has this name', de: 'Ein anderes Tag hat bereits diesen Namen' },
  nodeCount: { en: 'Give 1 to {max} objects', de: 'Geben Sie 1 bis {max} Objekte an' },
  notInTrash: { en: 'Nothing with this id is in the trash', de: 'Im Papierkorb ist nichts mit dieser ID' },
  commentNotFound: { en: 'No such comment', de: 'Diesen Kommentar gibt es nicht' },
  replyToTopLevel: { en: 'Reply in the thread: to its top-level comment', de: 'Antworten Sie im Thread: auf dessen obersten Kommentar' },
  onlyAuthorEdits: { en: 'Only its author can edit a comment', de: 'Nur die verfassende Person kann einen Kommentar bearbeiten' },
  onlyAuthorDeletes: {
    en: 'Only its author or the object’s managers can delete a comment',
    de: 'Nur die verfassende Person oder die Verwaltenden des Objekts können einen Kommentar löschen',
  },
  mentionInvalid: { en: '<@{id}> is not a member of your organization', de: '<@{id}> ist kein Mitglied Ihrer Organisation' },
  tooManyMentions: { en: 'A comment mentions at most {max} people', de: 'Ein Kommentar erwähnt höchstens {max} Personen' },
});
