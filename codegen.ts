import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator: typed documents for clients, checked against the API schema of a cell
 * (`schema/cells/<cell>/schema.graphql`, written by `npm run compose`). The SPA's operations live
 * next to its components in web/src and are generated into web/src/gql; third parties can run the
 * same preset against the committed schema of the cell they call.
 */
const config: CodegenConfig = {
  schema: `schema/cells/${process.env.CELL ?? 'all'}/schema.graphql`,
  documents: ['web/src/**/*.{ts,tsx,graphql}', '!web/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTimeISO: 'string' },
      },
    },
  },
};

export default config;
