// The files module's lazy chunk: what its index loads on demand.
export { AttachmentsWidget } from './AttachmentsWidget';
export { AvatarSettingsPage } from './AvatarSettingsPage';
export { FilesPage } from './FilesPage';
