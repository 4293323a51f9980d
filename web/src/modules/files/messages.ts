import { defineMessages } from '../../app/i18n';

/** The texts of the Files page, the Attachments widget, uploads and the avatar settings. */
export const m = defineMessages('web.files', {
  // Shared
  files: { en: 'Files', de: 'Dateien' },
  folders: { en: 'Folders', de: 'Ordner' },
  someone: { en: 'Someone', de: 'Jemand' },
  save: { en: 'Save', de: 'Speichern' },
  cancel: { en: 'Cancel', de: 'Abbrechen' },
  rename: { en: 'Rename', de: 'Umbenennen' },
  move: { en: 'Move', de: 'Verschieben' },
  moveToTrash: { en: 'Move to trash', de: 'In den Papierkorb' },
  renameNamed: { en: 'Rename {name}', de: '{name} umbenennen' },
  moveNamed: { en: 'Move {name}', de: '{name} verschieben' },
  moveNamedToTrash: { en: 'Move {name} to the trash', de: '{name} in den Papierkorb verschieben' },
  newNameFor: { en: 'New name for {name}', de: 'Neuer Name für {name}' },
  newFolder: { en: 'New folder', de: 'Neuer Ordner' },

  // Uploads
  uploading: { en: 'Uploading {name}', de: '{name} wird hochgeladen' },
  uploadingProgress: { en: 'Uploading {name}… {percent}%', de: '{name} wird hochgeladen… {percent} %' },
  uploaded: { en: 'Uploaded {name}.', de: '{name} hochgeladen.' },
  uploadFailed: { en: '{name}: {reason}', de: '{name}: {reason}' },
  uploadNotStarted: { en: 'The upload could not be started.', de: 'Das Hochladen konnte nicht gestartet werden.' },
  uploadNotCompleted: { en: 'The upload could not be completed.', de: 'Das Hochladen konnte nicht abgeschlossen werden.' },
  storeRefused: {
    en: 'The file store refused the upload (HTTP {status}). Try again.',
    de: 'Der Dateispeicher hat das Hochladen abgelehnt (HTTP {status}). Versuchen Sie es erneut.',
  },
  storeUnreachable: {
    en: 'Cannot reach the file store. Check your connection and try again.',
    de: 'Der Dateispeicher ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  },
  uploadCancelled: { en: 'The upload was cancelled.', de: 'Das Hochladen wurde abgebrochen.' },

  // Attachments widget
  noAttachments: { en: 'No files attached yet.', de: 'Noch keine Dateien angehängt.' },
  attachedFiles: { en: 'Attached files', de: 'Angehängte Dateien' },
  andMore: { en: '{count, plural, one {And # more.} other {And # more.}}', de: '{count, plural, one {Und # weitere.} other {Und # weitere.}}' },
  attachFiles: { en: 'Attach files', de: 'Dateien anhängen' },
  attachFile: { en: 'Attach a file', de: 'Datei anhängen' },

  // Avatar settings
  avatar: { en: 'Avatar', de: 'Avatar' },
  notAnImage: {
    en: '{name} is not an image: choose a PNG, JPEG, GIF or WebP file.',
    de: '{name} ist kein Bild: Wählen Sie eine PNG-, JPEG-, GIF- oder WebP-Datei.',
  },
  avatarSet: { en: 'Your avatar is set.', de: 'Ihr Avatar ist festgelegt.' },
  avatarRemoved: { en: 'Your avatar is removed.', de: 'Ihr Avatar wurde entfernt.' },
  avatarIntro: {
    en: 'Everyone in this organization sees it next to your name. An image of at most 2 MB works best.',
    de: 'Alle in dieser Organisation sehen ihn neben Ihrem Namen. Am besten eignet sich ein Bild von höchstens 2 MB.',
  },
  yourAvatar: { en: 'Your avatar', de: 'Ihr Avatar' },
  noAvatar: { en: 'You have no avatar yet.', de: 'Sie haben noch keinen Avatar.' },
  uploadingAvatar: { en: 'Uploading your avatar', de: 'Ihr Avatar wird hochgeladen' },
  uploadingPercent: { en: 'Uploading… {percent}%', de: 'Wird hochgeladen… {percent} %' },
  avatarImage: { en: 'Avatar image', de: 'Avatarbild' },
  uploadNewAvatar: { en: 'Upload a new avatar', de: 'Neuen Avatar hochladen' },
  uploadAvatar: { en: 'Upload an avatar', de: 'Avatar hochladen' },
  removeAvatar: { en: 'Remove avatar', de: 'Avatar entfernen' },

  // Folder picker
  topLevel: { en: 'Top level', de: 'Oberste Ebene' },
  destinationPath: { en: 'Destination path', de: 'Zielpfad' },
  noFoldersIn: { en: 'No folders in {name}.', de: 'Keine Ordner in {name}.' },
  foldersIn: { en: 'Folders in {name}', de: 'Ordner in {name}' },
  openNamed: { en: 'Open {name}', de: '{name} öffnen' },
  moveTo: { en: 'Move to {name}', de: 'Nach {name} verschieben' },

  // Files page
  folderNotHere: { en: 'This folder is not here', de: 'Dieser Ordner ist nicht hier' },
  backToFiles: { en: 'Back to Files', de: 'Zurück zu den Dateien' },
  folderGone: { en: 'It was moved to the trash, or you cannot see it.', de: 'Er wurde in den Papierkorb verschoben, oder Sie können ihn nicht sehen.' },
  folderPath: { en: 'Folder path', de: 'Ordnerpfad' },
  topLevelSubtitle: { en: 'Your folders, and the files in no folder', de: 'Ihre Ordner und die Dateien, die in keinem Ordner liegen' },
  uploadFiles: { en: 'Upload files', de: 'Dateien hochladen' },
  folderEmpty: { en: 'This folder is empty', de: 'Dieser Ordner ist leer' },
  nothingYet: { en: 'No folders or files yet', de: 'Noch keine Ordner oder Dateien' },
  createOrUpload: { en: 'Create a folder, or upload files here.', de: 'Legen Sie einen Ordner an, oder laden Sie hier Dateien hoch.' },
  loadMore: { en: 'Load more', de: 'Mehr laden' },
  loadMoreFolders: { en: 'Load more folders', de: 'Weitere Ordner laden' },
  loadMoreFiles: { en: 'Load more files', de: 'Weitere Dateien laden' },
  renameFolder: { en: 'Rename folder', de: 'Ordner umbenennen' },
  renameFile: { en: 'Rename file', de: 'Datei umbenennen' },
  moveQuoted: { en: 'Move “{name}”', de: '„{name}“ verschieben' },
  confirmTrashFolder: {
    en: 'Move the folder “{name}” to the trash, with the folders and files in it?',
    de: 'Den Ordner „{name}“ mit den Ordnern und Dateien darin in den Papierkorb verschieben?',
  },
  renameFolderNamed: { en: 'Rename folder {name}', de: 'Ordner {name} umbenennen' },
  moveFolderNamed: { en: 'Move folder {name}', de: 'Ordner {name} verschieben' },
  moveFolderNamedToTrash: { en: 'Move folder {name} to the trash', de: 'Ordner {name} in den Papierkorb verschieben' },
  folderName: { en: 'Folder name', de: 'Ordnername' },
  createFolder: { en: 'Create folder', de: 'Ordner anlegen' },
});
