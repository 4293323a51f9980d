import { useQuery } from '@apollo/client/react';
import { initials } from '../../app/format';
import { FilesViewerAvatarQuery } from './operations';

/**
 * The signed-in user's avatar in the top bar: the image they uploaded (`me.avatar`, a presigned
 * URL of the object store), else their profile's `avatarUrl`, else their initials.
 */
export function AccountAvatar({ name, fallbackUrl }: { name: string; fallbackUrl?: string | null }) {
  const { data } = useQuery(FilesViewerAvatarQuery);
  const url = data?.me?.avatar?.downloadUrl ?? fallbackUrl;
  return url ? <img src={url} alt="" className="avatar" /> : <span className="avatar">{initials(name)}</span>;
}
