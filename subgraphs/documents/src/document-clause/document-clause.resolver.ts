import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Clause } from '../clause/clause.entity.js';
import { loadClause } from '../clause/clause.loaders.js';
import { Document } from '../document/document.entity.js';
import { DocumentPayload } from '../document/document.inputs.js';
import { loadDocument } from '../document/document.loaders.js';
import type { DocumentsServices } from '../services.js';
import { DocumentClause } from './document-clause.entity.js';
import {
  DocumentClauseRefreshInput,
  DocumentClauseRemoveInput,
  DocumentClauseInsertInput,
  DocumentClauseMoveInput,
  DocumentClauseOverrideInput,
  DocumentClausePayload,
  DocumentCreateFromTemplateInput,
} from './document-clause.inputs.js';
import { loadDocumentClauses } from './document-clause.loaders.js';

type Context = SubgraphContext<DocumentsServices>;

/** Templates and the clauses of documents: `Document.clauses`, `Document.template` and their mutations. */
@Resolver(() => Document)
export class DocumentClausesResolver {
  constructor(private readonly services: DocumentsServices) {}

  @Mutation(() => DocumentPayload, {
    nullable: true,
    description: 'A new DRAFT document from a template: its content and clauses, plus every clause included by default.',
  })
  documentCreateFromTemplate(
    @Arg('input', () => DocumentCreateFromTemplateInput) input: DocumentCreateFromTemplateInput,
    @Ctx() context: Context,
  ): Promise<DocumentPayload> {
    return mutationPayload(async () => ({ document: await this.services.documentClauses.createFromTemplate(context.request, input) }));
  }

  @Mutation(() => DocumentClausePayload, { nullable: true, description: 'Insert a clause of the library (its current version) in a document.' })
  documentClauseInsert(
    @Arg('input', () => DocumentClauseInsertInput) input: DocumentClauseInsertInput,
    @Ctx() context: Context,
  ): Promise<DocumentClausePayload> {
    return mutationPayload(async () => ({ document: await this.services.documentClauses.insert(context.request, input) }));
  }

  @Mutation(() => DocumentClausePayload, { nullable: true, description: 'Move a clause of a document to another place among its clauses.' })
  documentClauseMove(@Arg('input', () => DocumentClauseMoveInput) input: DocumentClauseMoveInput, @Ctx() context: Context): Promise<DocumentClausePayload> {
    return mutationPayload(async () => ({ document: await this.services.documentClauses.move(context.request, input) }));
  }

  @Mutation(() => DocumentClausePayload, {
    nullable: true,
    description: 'Give a clause of a document the document’s own text (or, with null, the version’s again).',
  })
  documentClauseOverride(
    @Arg('input', () => DocumentClauseOverrideInput) input: DocumentClauseOverrideInput,
    @Ctx() context: Context,
  ): Promise<DocumentClausePayload> {
    return mutationPayload(async () => ({ document: await this.services.documentClauses.override(context.request, input) }));
  }

  @Mutation(() => DocumentClausePayload, { nullable: true, description: 'Bring a clause of a document to the clause’s latest version (dropping an override).' })
  documentClauseRefresh(
    @Arg('input', () => DocumentClauseRefreshInput) input: DocumentClauseRefreshInput,
    @Ctx() context: Context,
  ): Promise<DocumentClausePayload> {
    return mutationPayload(async () => ({ document: await this.services.documentClauses.refresh(context.request, input) }));
  }

  @Mutation(() => DocumentClausePayload, { nullable: true, description: 'Take a clause out of a document (its section with it).' })
  documentClauseRemove(
    @Arg('input', () => DocumentClauseRemoveInput) input: DocumentClauseRemoveInput,
    @Ctx() context: Context,
  ): Promise<DocumentClausePayload> {
    return mutationPayload(async () => ({ document: await this.services.documentClauses.remove(context.request, input) }));
  }

  @FieldResolver(() => [DocumentClause], { description: 'The clauses of the library inserted in it, in content order.' })
  clauses(@Root() document: Document, @Ctx() context: Context): Promise<DocumentClause[]> {
    return loadDocumentClauses(context, document);
  }

  @FieldResolver(() => Document, { nullable: true, description: 'The template it was created from (null once that is gone).' })
  template(@Root() document: Document, @Ctx() context: Context): Promise<Document | null> {
    return document.templateId ? loadDocument(context, document.templateId) : Promise.resolve(null);
  }
}

@Resolver(() => DocumentClause)
export class DocumentClauseResolver {
  @FieldResolver(() => Clause, { nullable: true, description: 'The clause of the library (null once in the trash).' })
  clause(@Root() row: DocumentClause, @Ctx() context: Context): Promise<Clause | null> {
    return loadClause(context, row.clauseId);
  }
}
