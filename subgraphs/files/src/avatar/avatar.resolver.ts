import { mutationPayload, parseGlobalId, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { File } from '../file/file.entity.js';
import { loadFile } from '../file/file.loaders.js';
import type { FilesServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { UserAvatarSetInput, UserAvatarSetPayload } from './avatar.inputs.js';

type Context = SubgraphContext<FilesServices>;

/** `User.avatar` (contributed to identity's User) and `userAvatarSet`. */
@Resolver(() => UserRef)
export class AvatarResolver {
  constructor(private readonly services: FilesServices) {}

  @Mutation(() => UserAvatarSetPayload, {
    nullable: true,
    description:
      'Set your avatar in this organization to an image you uploaded, or clear it (fileId: null); owners and admins may set those of members they manage.',
  })
  userAvatarSet(@Arg('input', () => UserAvatarSetInput) input: UserAvatarSetInput, @Ctx() context: Context): Promise<UserAvatarSetPayload> {
    return mutationPayload(async () => ({
      user: UserRef.of(await this.services.avatars.set(context.request, { userId: input.userId, fileId: input.fileId })),
    }));
  }

  @FieldResolver(() => File, { nullable: true, description: 'Their avatar in your organization (an image every member may read), or null.' })
  async avatar(@Root() user: UserRef, @Ctx() context: Context): Promise<File | null> {
    const decoded = parseGlobalId(user.id);
    if (decoded?.typeName !== 'User') return null;
    const fileId = await context.loaders
      .get<string, string | null>('files.avatarOf', (userIds) => this.services.avatars.fileIdsOf(context.request, userIds))
      .load(decoded.uuid);
    return fileId ? loadFile(context, fileId) : null; // a file in the trash is no avatar until restored
  }
}
