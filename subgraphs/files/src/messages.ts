import { defineMessages } from '@cellgraph/kernel';

/** The messages of files's errors answered to users (userErrors), in every language. */
export const fileErrorTexts = defineMessages('files.errors', {
  fileNotFound: { en: 'No file with this id exists in your organization', de: 'In Ihrer Organisation gibt es keine Datei mit dieser ID' },
  typeNotAllowed: { en: 'Files of type {type} are not accepted here', de: 'Dateien vom Typ {type} werden hier nicht angenommen' },
  tooLarge: { en: 'A file may have at most {max} bytes', de: 'Eine Datei darf höchstens {max} Byte groß sein' },
  quotaExceeded: {
    en: "Your organization's storage is full: {used} of {quota} bytes are used (uploads in progress included); delete files or purge the trash",
    de: 'Der Speicher Ihrer Organisation ist voll: {used} von {quota} Byte sind belegt (laufende Uploads eingeschlossen); löschen Sie Dateien oder leeren Sie den Papierkorb',
  },
  aboutNotFound: { en: 'No object with this id exists that you can see', de: 'Es gibt kein für Sie sichtbares Objekt mit dieser ID' },
  uploadNotFound: { en: 'No upload with this id is in progress for you', de: 'Für Sie läuft kein Upload mit dieser ID' },
  uploadMissing: {
    en: 'The store has no content for this upload yet: send the PUT to the upload URL first',
    de: 'Der Speicher hat noch keinen Inhalt für diesen Upload: Senden Sie zuerst den PUT an die Upload-URL',
  },
  uploadSizeMismatch: {
    en: 'The uploaded content does not match the upload begun ({size} bytes instead of {expected}); begin a new upload',
    de: 'Der hochgeladene Inhalt passt nicht zum begonnenen Upload ({size} Byte statt {expected}); beginnen Sie einen neuen Upload',
  },
  uploadTypeMismatch: {
    en: 'The uploaded content does not match the upload begun (type {type, select, unknown {unknown} other {{type}}} instead of {expected}); begin a new upload',
    de: 'Der hochgeladene Inhalt passt nicht zum begonnenen Upload (Typ {type, select, unknown {unbekannt} other {{type}}} statt {expected}); beginnen Sie einen neuen Upload',
  },
  uploadNotAnImage: {
    en: 'The uploaded content does not match the upload begun (not a readable image); begin a new upload',
    de: 'Der hochgeladene Inhalt passt nicht zum begonnenen Upload (kein lesbares Bild); beginnen Sie einen neuen Upload',
  },
  memberNotFound: { en: 'No member of your organization has this id', de: 'Kein Mitglied Ihrer Organisation hat diese ID' },
  avatarIncomplete: {
    en: 'This upload is not complete: call fileUploadComplete first and use the file it returns',
    de: 'Dieser Upload ist nicht abgeschlossen: Rufen Sie zuerst fileUploadComplete auf und verwenden Sie die zurückgegebene Datei',
  },
  avatarNotOwn: { en: 'An avatar must be a file you uploaded yourself', de: 'Ein Avatar muss eine Datei sein, die Sie selbst hochgeladen haben' },
  avatarNotImage: { en: 'An avatar must be an image (PNG, JPEG, GIF, WebP…)', de: 'Ein Avatar muss ein Bild sein (PNG, JPEG, GIF, WebP …)' },
  avatarTooLarge: { en: 'An avatar may have at most {max} bytes', de: 'Ein Avatar darf höchstens {max} Byte groß sein' },
  folderNotFound: { en: 'No folder with this id exists that you can see', de: 'Es gibt keinen für Sie sichtbaren Ordner mit dieser ID' },
  folderNameTaken: { en: 'A folder named “{name}” is already there', de: 'Dort gibt es bereits einen Ordner namens „{name}“' },
  folderCycle: {
    en: 'A folder cannot be moved into itself or into a folder inside it',
    de: 'Ein Ordner kann nicht in sich selbst oder einen darin enthaltenen Ordner verschoben werden',
  },
  fileManagersOnly: { en: 'Only its uploader or an administrator may change a file', de: 'Nur wer eine Datei hochgeladen hat, oder ein Admin darf sie ändern' },
  fileNameRequired: { en: 'A file name is required', de: 'Ein Dateiname ist erforderlich' },
  mediaTypeFormat: { en: 'A media type such as image/png', de: 'Ein Medientyp wie image/png' },
  wholeBytes: { en: 'Bytes are whole', de: 'Bytes sind ganze Zahlen' },
  emptyFile: { en: 'An empty file cannot be uploaded', de: 'Eine leere Datei kann nicht hochgeladen werden' },
  avatarUserOnly: { en: 'Only a signed-in user can set an avatar', de: 'Nur angemeldete Benutzer können einen Avatar festlegen' },
  avatarOthersAdminsOnly: {
    en: 'Only owners and admins may set another member’s avatar',
    de: 'Nur Eigentümer und Admins dürfen den Avatar eines anderen Mitglieds festlegen',
  },
  avatarAdminScope: { en: 'Admins may set the avatars of members and guests only', de: 'Admins dürfen nur die Avatare von Mitgliedern und Gästen festlegen' },
  invalidFileId: { en: 'Not a valid File id', de: 'Keine gültige Datei-ID' },
  othersFoldersAdminsOnly: { en: 'Only owners and admins see the folders of others', de: 'Nur Eigentümer und Admins sehen die Ordner anderer' },
  folderNameRequired: { en: 'A folder name is required', de: 'Ein Ordnername ist erforderlich' },
  invalidIdOfType: { en: 'Not a valid {typeName} id', de: 'Keine gültige {typeName}-ID' },
});

/** Descriptions of its scheduled jobs (the cell's job registry). */
export const fileJobMessages = defineMessages('files.jobs', {
  cleanup: {
    en: 'Removes abandoned uploads and the stored objects of purged files',
    de: 'Entfernt abgebrochene Uploads und die gespeicherten Objekte endgültig gelöschter Dateien',
  },
});
