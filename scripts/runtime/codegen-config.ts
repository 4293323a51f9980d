import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';
import { clientScalars } from './client-scalars.js';

/** The codegen configuration of a cell's clients (see codegen.ts), paths relative to the repository root. */
export function codegenConfig(cell: string, output = 'web/src/gql/'): CodegenConfig {
  const schema = `schema/cells/${cell}/schema.graphql`;
  return {
    schema,
    documents: ['web/src/**/*.{ts,tsx,graphql}', '!web/src/gql/**'],
    ignoreNoDocuments: true,
    generates: {
      [output]: {
        preset: 'client',
        // The manifest of persisted documents (persisted-documents.json, sha256 → document) is what
        // the gateway accepts from the app; the documents carry __typename as Apollo Client sends them.
        presetConfig: { persistedDocuments: { hashAlgorithm: 'sha256' }, fragmentMasking: false },
        documentTransforms: [addTypenameSelectionDocumentTransform],
        config: {
          useTypeImports: true,
          enumsAsTypes: true,
          strictScalars: true,
          scalars: clientScalars(schema),
        },
      },
    },
  };
}
