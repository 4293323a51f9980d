import { ConnectionArgs, ConnectionType, DateTimeComparator, IDComparator, IntComparator, StringComparator } from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { AuditEntry } from './audit-entry.entity.js';

@InputType({ description: 'Conditions on audit entries; fields combine with AND.' })
export class AuditEntryFilter {
  @Field(() => StringComparator, { nullable: true, description: 'The event type, e.g. `{ startsWith: "api_key." }`.' })
  action?: StringComparator | null;

  @Field(() => IDComparator, { nullable: true, description: 'The acting user (User ids); for an API key, the user who created it.' })
  actor?: IDComparator | null;

  @Field(() => IDComparator, { nullable: true, description: 'The acting API key (ApiKey ids).' })
  actorApiKey?: IDComparator | null;

  @Field(() => StringComparator, { nullable: true, description: 'The target’s type, e.g. `User`, `Task`.' })
  targetType?: StringComparator | null;

  @Field(() => ID, { nullable: true, description: 'The target: the global id of any object.' })
  target?: string | null;

  @Field(() => DateTimeComparator, { nullable: true })
  occurredAt?: DateTimeComparator | null;

  @Field(() => IntComparator, { nullable: true, description: 'Position in the chain.' })
  seq?: IntComparator | null;

  @Field(() => [AuditEntryFilter], { nullable: true }) and?: AuditEntryFilter[] | null;
  @Field(() => [AuditEntryFilter], { nullable: true }) or?: AuditEntryFilter[] | null;
  @Field(() => AuditEntryFilter, { nullable: true }) not?: AuditEntryFilter | null;
}

@ArgsType()
export class AuditEntriesArgs extends ConnectionArgs {
  @Field(() => AuditEntryFilter, { nullable: true })
  filter?: AuditEntryFilter | null;
}

export const AuditEntryConnection = ConnectionType(AuditEntry, 'AuditEntry');

/** Who acted through an API key (the key's id and name as recorded). */
@ObjectType('AuditApiKey', { description: 'The API key an action was taken with.' })
export class AuditApiKey {
  @Field(() => ID, { description: 'The ApiKey’s global id (the key may since have been revoked).' })
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;
}
