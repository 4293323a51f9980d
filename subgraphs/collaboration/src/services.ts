import type { Authorizer, Database } from '@cellgraph/kernel';
import type { ActivityService } from './activity/activity.service.js';
import type { CommentService } from './comment/comment.service.js';
import type { LinkService } from './link/link.service.js';
import type { NodeAccess } from './node/node-access.js';
import type { TagService } from './tag/tag.service.js';
import type { TrashService } from './trash/trash.service.js';

export interface CollaborationServices {
  db: Database;
  authz: Authorizer;
  nodes: NodeAccess;
  comments: CommentService;
  links: LinkService;
  tags: TagService;
  activities: ActivityService;
  trash: TrashService;
}
