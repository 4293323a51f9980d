import { observeEventDelivery, runWithRequestContext, type Logger, type Principal, type PublishedEvent } from '@cellgraph/kernel/core';
import { GraphQLError } from 'graphql';
import { responseTooLarge } from '../response-size.js';
import type { LiveEventHub } from './live-event-hub.js';
import type { PlannedSubscription, SubscriptionEngine } from './subscription-engine.js';

/** One subscriber of a group: receives each payload serialized once for the whole group. */
export interface GroupMember {
  /** A payload for this subscriber: the JSON of a `next` message's payload. */
  deliver(payloadJson: string): void;
  /** `count` events this subscriber will not get (its group's event queue overflowed). */
  dropped(count: number): void;
}

/** What a subscription group is: the same document, variables and permission-relevant context. */
export interface GroupSpec {
  key: string;
  orgId: string;
  planned: PlannedSubscription;
  /** The context the group's subscription field is asked as (its first member's). */
  principal: Principal;
  variables: Record<string, unknown>;
}

interface Group extends GroupSpec {
  id: number;
  members: Set<GroupMember>;
}

/** An organization's live channel in this process: its groups and its bounded queue of events. */
interface OrgChannel {
  groups: Map<string, Group>;
  pending: PublishedEvent[];
  draining: boolean;
  /** Joined once for every group of the organization: one hub listener per organization. */
  listening: Promise<() => Promise<void>>;
}

export interface FanoutOptions {
  hub: LiveEventHub;
  engine: SubscriptionEngine;
  /** Events waiting to be resolved per organization; beyond, an event is dropped (EVENTS_DROPPED to whom it concerned). */
  maxPendingEvents: number;
  maxResponseBytes: number;
  formatError: (error: GraphQLError, requestId: string) => GraphQLError;
  logger: Logger;
}

const coded = (code: string, message: string) => new GraphQLError(message, { extensions: { code } });

/**
 * Live events to subscribers, with work proportional to the distinct answers: subscriptions with
 * the same grouping key (see grouping-key.ts) form a group; each event of an organization is
 * resolved once per group that may care about it, all groups of the event together (so the
 * subscription field's subgraph is asked once, in one batch, see LiveBatchClient), and each
 * group's payload is serialized once and handed to every member. Events are taken in order, one
 * at a time per organization, from a queue bounded by maxPendingEvents. Groups and channels are
 * removed with their last member: nothing is left behind by subscribers that left.
 */
export class SubscriptionFanout {
  private readonly channels = new Map<string, OrgChannel>();
  private nextGroupId = 1;

  constructor(private readonly options: FanoutOptions) {}

  /** Adds `member` to the group of `spec` (created if needed); the returned function removes it. */
  async join(spec: GroupSpec, member: GroupMember): Promise<() => Promise<void>> {
    const channel = this.channelOf(spec.orgId);
    let group = channel.groups.get(spec.key);
    if (!group) {
      group = { ...spec, id: this.nextGroupId++, members: new Set() };
      channel.groups.set(spec.key, group);
    }
    group.members.add(member);
    const own = group;
    try {
      await channel.listening;
    } catch (error) {
      await this.leave(spec.orgId, channel, own, member);
      throw error;
    }
    let left = false;
    return async () => {
      if (left) return;
      left = true;
      await this.leave(spec.orgId, channel, own, member);
    };
  }

  /** Organizations listened to, groups and their members in this process. */
  stats(): { orgs: number; groups: number; members: number } {
    let groups = 0;
    let members = 0;
    for (const channel of this.channels.values()) {
      groups += channel.groups.size;
      for (const group of channel.groups.values()) members += group.members.size;
    }
    return { orgs: this.channels.size, groups, members };
  }

  private channelOf(orgId: string): OrgChannel {
    let channel = this.channels.get(orgId);
    if (!channel) {
      const created: OrgChannel = { groups: new Map(), pending: [], draining: false, listening: Promise.resolve(async () => {}) };
      created.listening = this.options.hub.listen(orgId, (event) => this.enqueue(created, event));
      // A failed join (Redis out) forgets the channel so the next subscriber tries again.
      created.listening.catch(() => {
        if (this.channels.get(orgId) === created) this.channels.delete(orgId);
      });
      this.channels.set(orgId, created);
      channel = created;
    }
    return channel;
  }

  private async leave(orgId: string, channel: OrgChannel, group: Group, member: GroupMember): Promise<void> {
    group.members.delete(member);
    if (group.members.size === 0 && channel.groups.get(group.key) === group) channel.groups.delete(group.key);
    if (channel.groups.size > 0 || this.channels.get(orgId) !== channel) return;
    this.channels.delete(orgId);
    channel.pending.length = 0;
    const stop = await channel.listening.catch(() => null);
    await stop?.();
  }

  private enqueue(channel: OrgChannel, event: PublishedEvent): void {
    if (channel.pending.length >= this.options.maxPendingEvents) {
      // The organization's queue is full: this event is dropped, and whoever it may concern is told.
      for (const group of this.interested(channel, event)) for (const member of group.members) member.dropped(1);
      return;
    }
    channel.pending.push(event);
    if (!channel.draining) void this.drain(channel);
  }

  private async drain(channel: OrgChannel): Promise<void> {
    channel.draining = true;
    try {
      for (let event = channel.pending.shift(); event; event = channel.pending.shift()) {
        // Every group of the event starts in this turn: their subscription fields join one batch.
        await Promise.all(this.interested(channel, event).map((group) => this.resolve(group, event)));
      }
    } finally {
      channel.draining = false;
    }
  }

  private interested(channel: OrgChannel, event: PublishedEvent): Group[] {
    return [...channel.groups.values()].filter((group) => group.members.size > 0 && this.wants(group, event));
  }

  /** Whether the group may care about the event; when that cannot be told, the subgraph decides. */
  private wants(group: Group, event: PublishedEvent): boolean {
    try {
      return this.options.engine.wants(group.planned, event, group.variables);
    } catch (error) {
      this.options.logger.warn({ err: error, eventId: event.id }, 'cannot pre-filter a live event; asking the subgraph');
      return true;
    }
  }

  /** Resolves `event` for `group` once and hands the serialized payload to each member. */
  private async resolve(group: Group, event: PublishedEvent): Promise<void> {
    const { engine, formatError, maxResponseBytes, logger } = this.options;
    const requestId = `live-${group.id}:${event.id}`;
    let payload: unknown;
    try {
      const result = await runWithRequestContext({ requestId, principal: group.principal }, () =>
        engine.run(group.planned, event, group.principal, requestId, group.variables),
      );
      if (!result) return;
      const errors = result.errors?.map((error) => formatError(error as GraphQLError, requestId));
      payload = errors ? { data: result.data, errors } : { data: result.data };
    } catch (error) {
      logger.error({ err: error, requestId }, 'subscription event failed');
      payload = { data: null, errors: [formatError(coded('INTERNAL_SERVER_ERROR', 'Internal server error'), requestId)] };
    }
    let json = JSON.stringify(payload);
    const bytes = Buffer.byteLength(json);
    if (bytes > maxResponseBytes) json = JSON.stringify({ errors: [formatError(responseTooLarge(bytes, maxResponseBytes), requestId)] });
    observeEventDelivery('live', event.occurredAt);
    for (const member of group.members) member.deliver(json);
  }
}
