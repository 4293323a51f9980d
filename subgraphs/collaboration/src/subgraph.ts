import { defineSubgraph, parseEnv, type PublishedEvent, deletionEvents } from '@cellgraph/kernel';
import { z } from 'zod';
import { Activity } from './activity/activity.entity.js';
import { collaborationEvents } from './contracts.js';
import { ActivityResolver } from './activity/activity.resolver.js';
import { ActivityService } from './activity/activity.service.js';
import { Comment } from './comment/comment.entity.js';
import { CommentResolver } from './comment/comment.resolver.js';
import { CommentService } from './comment/comment.service.js';
import { LinkEnd, LinkRow } from './link/link.entities.js';
import { LinkResolver } from './link/link.resolver.js';
import { LinkService } from './link/link.service.js';
import { migrations } from './migrations/index.js';
import { NodeAccess } from './node/node-access.js';
import { resolveNodeReference } from './node/node.reference.js';
import { NodeResolver } from './node/node.resolver.js';
import type { CollaborationServices } from './services.js';
import { Tag, Tagging } from './tag/tag.entities.js';
import { TagResolver } from './tag/tag.resolver.js';
import { TagService } from './tag/tag.service.js';
import { TrashItem } from './trash/trash-item.entity.js';
import { TrashResolver } from './trash/trash.resolver.js';
import { TrashService } from './trash/trash.service.js';

const typeList = z
  .string()
  .optional()
  .transform((value) =>
    value === undefined
      ? null
      : new Set(
          value
            .split(',')
            .map((type) => type.trim())
            .filter(Boolean),
        ),
  );

/** What of the cell this subgraph must know, set by whoever deploys the cell (the dev runtime does). */
const collaborationEnv = z.object({
  /** The cell's Node types (comma-separated): links and tags to other types are left out. Unset: every type. */
  CELL_NODE_TYPES: typeList,
  /** The cell's types that go to the trash. Unset: any whose delete event carries a title. */
  CELL_TRASH_TYPES: typeList,
});

export const collaborationSubgraph = defineSubgraph<CollaborationServices>({
  name: 'collaboration',
  description: 'Collaboration on every object of the cell: comments, links, tags, activity and the trash.',
  scope: 'collaboration',
  scopeDescription: 'comments, links, tags, activity and the trash (of objects the key may also read)',
  // Reached through other subgraphs' objects (a tasks:read key sees tasks, not their comments).
  keyAccess: {
    'Node.comments': 'collaboration:read',
    'Node.links': 'collaboration:read',
    'Node.tags': 'collaboration:read',
    'Node.activity': 'collaboration:read',
  },
  dependsOn: ['identity'],
  migrations,
  entities: [Comment, LinkRow, LinkEnd, Tag, Tagging, Activity, TrashItem],
  resolvers: [NodeResolver, CommentResolver, LinkResolver, TagResolver, ActivityResolver, TrashResolver],
  references: { Node: resolveNodeReference },
  nodeReferences: [
    { type: 'Comment', field: 'author', from: 'authorId', target: 'User', description: 'Who wrote it (null once deleted).' },
    { type: 'Comment', field: 'mentions', from: 'mentionIds', target: 'User', list: true, description: 'The people it mentions.' },
    { type: 'ActivityEvent', field: 'actor', from: 'actorId', target: 'User', description: 'Who did it (null for the system).' },
    { type: 'Link', field: 'createdBy', from: 'createdById', target: 'User' },
    { type: 'TrashItem', field: 'deletedBy', from: 'deletedById', target: 'User' },
  ],
  emits: collaborationEvents,
  audited: deletionEvents(collaborationEvents),
  createServices({ db, authz, graph, env }) {
    const config = parseEnv('collaboration', collaborationEnv, env);
    const nodes = new NodeAccess(db, authz, graph, config.CELL_NODE_TYPES);
    return {
      db,
      authz,
      nodes,
      comments: new CommentService(db, authz, nodes),
      links: new LinkService(db, nodes),
      tags: new TagService(db, authz, nodes),
      activities: new ActivityService(db),
      trash: new TrashService(db, authz, graph, nodes, config.CELL_TRASH_TYPES),
    };
  },
  consumes: ['*'],
  eventHandlers: ({ activities, trash, nodes }) => ({
    // Every module's events: the objects' activity (of the cell's Node types), and what enters and leaves the trash.
    '*': async (event: PublishedEvent) => {
      if (!event.type.endsWith('.purged') && event.subject && nodes.inCell(event.subject.type)) await activities.record(event);
      await trash.record(event);
    },
  }),
});
