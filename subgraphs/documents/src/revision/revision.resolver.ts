import { ConnectionArgs, mutationPayload, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Document } from '../document/document.entity.js';
import type { DocumentsServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { DocumentRevision, DocumentRevisionChange } from './revision.entity.js';
import {
  DocumentChangeAcceptInput,
  DocumentChangeDecidePayload,
  DocumentChangeRejectInput,
  DocumentFieldDifference,
  DocumentReviseInput,
  DocumentRevisePayload,
  DocumentRevisionConnection,
  DocumentRevisionAcceptInput,
  DocumentRevisionRejectInput,
} from './revision.inputs.js';
import { RedlineMode } from './revision.service.js';

type Context = SubgraphContext<DocumentsServices>;

/** Saving revisions and deciding their changes. */
@Resolver()
export class RevisionMutationResolver {
  constructor(private readonly services: DocumentsServices) {}

  @Mutation(() => DocumentRevisePayload, {
    nullable: true,
    description: 'Save a document as a new revision (revision 0, the original, is kept on the first save).',
  })
  documentRevise(@Arg('input', () => DocumentReviseInput) input: DocumentReviseInput, @Ctx() context: Context): Promise<DocumentRevisePayload> {
    return mutationPayload(() => this.services.revisions.reviseDocument(context.request, input));
  }

  @Mutation(() => DocumentChangeDecidePayload, { nullable: true, description: 'Accept one change of a revision.' })
  documentChangeAccept(@Arg('input', () => DocumentChangeAcceptInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(() => this.services.revisions.decide(context.request, input, 'accept'));
  }

  @Mutation(() => DocumentChangeDecidePayload, { nullable: true, description: 'Reject one change of a revision: the old value or text comes back.' })
  documentChangeReject(@Arg('input', () => DocumentChangeRejectInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(() => this.services.revisions.decide(context.request, input, 'reject'));
  }

  @Mutation(() => DocumentChangeDecidePayload, { nullable: true, description: 'Accept every pending change of one revision.' })
  documentRevisionAccept(@Arg('input', () => DocumentRevisionAcceptInput) input: DocumentRevisionAcceptInput, @Ctx() context: Context) {
    return mutationPayload(() => this.services.revisions.decideRevision(context.request, input, 'accept'));
  }

  @Mutation(() => DocumentChangeDecidePayload, { nullable: true, description: 'Reject every pending change of one revision (all or none).' })
  documentRevisionReject(@Arg('input', () => DocumentRevisionRejectInput) input: DocumentRevisionRejectInput, @Ctx() context: Context) {
    return mutationPayload(() => this.services.revisions.decideRevision(context.request, input, 'reject'));
  }
}

/** What revisions add to Document (the caller read the document: its own check covers these). */
@Resolver(() => Document)
export class DocumentRevisionFieldsResolver {
  constructor(private readonly services: DocumentsServices) {}

  @FieldResolver(() => DocumentRevisionConnection, { description: 'Its saved versions, newest first (empty before the first edit).' })
  revisions(@Root() document: Document, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<DocumentRevision>> {
    return this.services.revisions.revisions(context.request, document, args);
  }

  @FieldResolver(() => Int, { description: 'How many revisions it has, the original included (0 before the first edit).' })
  revisionCount(@Root() document: Document, @Ctx() context: Context): Promise<number> {
    return this.services.revisions.revisionCount(context.loaders, context.request, document.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The redline as HTML: <del data-deleted> old text, <ins data-inserted> new text. Null when `revision` does not exist.',
  })
  redline(
    @Root() document: Document,
    @Ctx() context: Context,
    @Arg('mode', () => RedlineMode, { defaultValue: RedlineMode.CUMULATIVE }) mode: RedlineMode,
    @Arg('revision', () => Int, { nullable: true, description: 'The revision (REVISION mode).' }) revision: number | null,
    @Arg('includeOldText', () => Boolean, { defaultValue: true, description: 'Show replaced and deleted text, struck through.' }) includeOldText: boolean,
  ): Promise<string | null> {
    return this.services.revisions.redline(context.request, document, { mode, revision, includeOldText });
  }

  @FieldResolver(() => [DocumentFieldDifference], {
    nullable: true,
    description: 'The fields that differ between two revisions (`to` left out: the current content); null when one does not exist.',
  })
  compare(
    @Root() document: Document,
    @Ctx() context: Context,
    @Arg('from', () => Int) from: number,
    @Arg('to', () => Int, { nullable: true }) to: number | null,
  ): Promise<DocumentFieldDifference[] | null> {
    return this.services.revisions.compare(context.request, document, from, to ?? null);
  }
}

@Resolver(() => DocumentRevision)
export class DocumentRevisionResolver {
  constructor(private readonly services: DocumentsServices) {}

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who saved it (null for the original).' })
  author(@Root() revision: DocumentRevision): UserRef | null {
    return revision.authorId ? UserRef.of(revision.authorId) : null;
  }

  @FieldResolver(() => [DocumentRevisionChange], { description: 'The changes it made, in order.' })
  changes(@Root() revision: DocumentRevision, @Ctx() context: Context): Promise<DocumentRevisionChange[]> {
    return this.services.revisions.changesOf(context.loaders, context.request, revision.id);
  }
}

@Resolver(() => DocumentRevisionChange)
export class DocumentRevisionChangeResolver {
  @FieldResolver(() => UserRef, { nullable: true, description: 'Who accepted or rejected it.' })
  decidedBy(@Root() change: DocumentRevisionChange): UserRef | null {
    return change.decidedBy ? UserRef.of(change.decidedBy) : null;
  }
}
