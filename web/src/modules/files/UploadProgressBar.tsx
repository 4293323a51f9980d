import { useT } from '../../app/i18n';
import { m } from './messages';
import type { UploadProgress } from './useUploads';

/** The file being uploaded and how far its bytes went (nothing between uploads). */
export function UploadProgressBar({ progress }: { progress: UploadProgress | null }) {
  const t = useT();
  if (!progress) return null;
  return (
    <div className="file-progress" role="status">
      <progress max={1} value={progress.fraction} aria-label={t(m.uploading, { name: progress.name })} />
      <span>{t(m.uploadingProgress, { name: progress.name, percent: Math.round(progress.fraction * 100) })}</span>
    </div>
  );
}
