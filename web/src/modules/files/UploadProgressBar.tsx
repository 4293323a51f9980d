import type { UploadProgress } from './useUploads';

/** The file being uploaded and how far its bytes went (nothing between uploads). */
export function UploadProgressBar({ progress }: { progress: UploadProgress | null }) {
  if (!progress) return null;
  return (
    <div className="file-progress" role="status">
      <progress max={1} value={progress.fraction} aria-label={`Uploading ${progress.name}`} />
      <span>
        Uploading {progress.name}… {Math.round(progress.fraction * 100)}%
      </span>
    </div>
  );
}
