import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useRef, useState, type ChangeEvent } from 'react';
import { describeError, describeUserErrors } from '../../app/errors';
import { useT } from '../../app/i18n';
import { Button } from '../../ui/controls';
import { ErrorState, Loading, Notice } from '../../ui/states';
import { m } from './messages';
import { FilesAvatarSetMutation, FilesViewerAvatarQuery } from './operations';
import { uploadFile, UploadError } from './upload';
import './files.css';

/**
 * Settings → Avatar: upload an image and make it your avatar in this organization (everyone in it
 * sees it next to your name), or remove it. The image is an ordinary file of yours: it counts
 * towards the organization's storage.
 */
export function AvatarSettingsPage() {
  const t = useT();
  const client = useApolloClient();
  const input = useRef<HTMLInputElement>(null);
  const { data, loading, error, refetch } = useQuery(FilesViewerAvatarQuery);
  const [setAvatar] = useMutation(FilesAvatarSetMutation);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const avatar = data?.me?.avatar;

  async function apply(fileId: string | null) {
    const result = await setAvatar({ variables: { input: { fileId } }, refetchQueries: ['FilesViewerAvatar'], awaitRefetchQueries: true });
    const failure = describeUserErrors(result.data?.userAvatarSet?.userErrors);
    if (failure) throw new UploadError(failure);
  }

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblem(null);
    setDone(null);
    if (!file.type.startsWith('image/')) return setProblem(t(m.notAnImage, { name: file.name }));
    setProgress(0);
    try {
      const uploaded = await uploadFile(client, file, { onProgress: setProgress });
      await apply(uploaded.id);
      setDone(t(m.avatarSet));
    } catch (caught) {
      setProblem(caught instanceof UploadError ? caught.message : describeError(caught));
    } finally {
      setProgress(null);
    }
  }

  async function remove() {
    setProblem(null);
    setDone(null);
    try {
      await apply(null);
      setDone(t(m.avatarRemoved));
    } catch (caught) {
      setProblem(caught instanceof UploadError ? caught.message : describeError(caught));
    }
  }

  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  return (
    <section className="settings-section" aria-labelledby="avatar-title">
      <h2 id="avatar-title">{t(m.avatar)}</h2>
      <p className="muted">{t(m.avatarIntro)}</p>
      <div className="avatar-settings">
        {avatar ? <img src={avatar.downloadUrl} alt={t(m.yourAvatar)} className="avatar avatar-large" /> : <p className="muted">{t(m.noAvatar)}</p>}
        {progress !== null ? (
          <div className="file-progress" role="status">
            <progress max={1} value={progress} aria-label={t(m.uploadingAvatar)} />
            <span>{t(m.uploadingPercent, { percent: Math.round(progress * 100) })}</span>
          </div>
        ) : null}
        <div className="file-actions">
          <input ref={input} type="file" accept="image/*" className="visually-hidden" aria-label={t(m.avatarImage)} onChange={(event) => void choose(event)} />
          <Button variant="primary" onClick={() => input.current?.click()} busy={progress !== null}>
            {t(avatar ? m.uploadNewAvatar : m.uploadAvatar)}
          </Button>
          {avatar ? (
            <Button variant="ghost" onClick={() => void remove()}>
              {t(m.removeAvatar)}
            </Button>
          ) : null}
        </div>
      </div>
      <Notice>{problem}</Notice>
      <Notice tone="success">{done}</Notice>
    </section>
  );
}
