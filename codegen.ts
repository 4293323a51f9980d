import type { CodegenConfig } from '@graphql-codegen/cli';
import { codegenConfig } from './scripts/runtime/codegen-config.js';

/**
 * GraphQL Code Generator: typed documents for clients, checked against the API schema of a cell
 * (`schema/cells/<cell>/schema.graphql`, written by `npm run compose`; CELL selects it, default
 * `all`). The SPA's operations live next to its components in web/src and are generated into
 * web/src/gql; third parties can run the same preset against the committed schema of the cell they
 * call. Every custom scalar is mapped to the type clients receive (scripts/runtime/client-scalars.ts).
 */
const config: CodegenConfig = codegenConfig(process.env.CELL ?? 'all');

export default config;
