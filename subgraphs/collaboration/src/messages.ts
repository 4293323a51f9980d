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
  invalidId: { en: '{argument} is not a valid id', de: '{argument} ist keine gültige ID' },
  mayNotRead: { en: 'You may not read this object', de: 'Sie dürfen dieses Objekt nicht lesen' },
  mayNotChangeLinkSource: { en: 'You may not change the object you link from', de: 'Sie dürfen das Objekt, von dem aus Sie verknüpfen, nicht ändern' },
  mayNotChangeLinkEnds: { en: 'You may not change either end of this link', de: 'Sie dürfen keines der beiden Enden dieser Verknüpfung ändern' },
  mayNotChangeTagged: { en: 'You may not change one of these objects', de: 'Sie dürfen eines dieser Objekte nicht ändern' },
  tagNameRequired: { en: 'A tag needs a name', de: 'Ein Tag braucht einen Namen' },
  tagNameTooLong: { en: 'A tag name has at most 50 characters', de: 'Ein Tag-Name hat höchstens 50 Zeichen' },
  colourFormat: { en: 'Colour must look like #1a2b3c', de: 'Eine Farbe muss wie #1a2b3c aussehen' },
  categoryTooLong: { en: 'A category has at most 50 characters', de: 'Eine Kategorie hat höchstens 50 Zeichen' },
  commentEmpty: { en: 'A comment needs some text', de: 'Ein Kommentar braucht etwas Text' },
  commentTooLong: { en: 'A comment has at most 10,000 characters', de: 'Ein Kommentar hat höchstens 10.000 Zeichen' },
});
