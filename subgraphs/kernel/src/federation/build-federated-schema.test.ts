import { composeServices } from '@apollo/composition';
import { graphql, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { Arg, Directive, Field, ID, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { buildFederatedSchema, composedDirectivesSdl, printFederatedSdl } from './build-federated-schema.js';

enum Colour {
  RED = 'red',
  BLUE = 'blue',
}
registerEnumType(Colour, { name: 'Colour' });

@Resolver()
class ColourResolver {
  @Query(() => String)
  echo(@Arg('colour', () => Colour, { defaultValue: Colour.RED }) colour: Colour): string {
    return colour;
  }
}

describe('buildFederatedSchema', () => {
  it('hands resolvers enum values, for explicit and for defaulted arguments alike', async () => {
    const schema = await buildFederatedSchema({ resolvers: [ColourResolver] });
    expect((await graphql({ schema, source: '{ explicit: echo(colour: BLUE) defaulted: echo }' })).data).toEqual({ explicit: 'blue', defaulted: 'red' });
  });
});

@Directive('@audited(reason: "money")')
@ObjectType()
class Ledger {
  @Field(() => ID)
  id!: string;
}

@Resolver()
class LedgerResolver {
  @Query(() => Ledger)
  ledger(): Ledger {
    return { id: '1' };
  }
}

const audited = { url: 'https://cellgraph.dev/audited/v1.0', definition: 'directive @audited(reason: String!) on OBJECT' };

describe('composeDirectives', () => {
  it('keeps a directive of the subgraph, applied to its type, in the composed supergraph', async () => {
    const sdl = printFederatedSdl(await buildFederatedSchema({ resolvers: [LedgerResolver], composeDirectives: [audited] }));
    expect(sdl).toContain('@composeDirective(name: "@audited")');
    const result = composeServices([{ name: 'ledgers', url: '', typeDefs: parse(sdl) }]);
    expect(result.errors).toBeUndefined();
    expect(result.supergraphSdl).toContain('@link(url: "https://cellgraph.dev/audited/v1.0", import: ["@audited"])');
    expect(result.supergraphSdl).toContain('directive @audited(reason: String!) on OBJECT');
    expect(result.supergraphSdl).toMatch(/type Ledger\s+@join__type\(graph: LEDGERS\)\s+@audited\(reason: "money"\)/);
  });

  it('without the declaration, composition drops the directive', async () => {
    const sdl = printFederatedSdl(await buildFederatedSchema({ resolvers: [LedgerResolver], composeDirectives: [audited] })).replace(
      /@composeDirective\(name: "@audited"\)/,
      '',
    );
    const result = composeServices([{ name: 'ledgers', url: '', typeDefs: parse(sdl) }]);
    expect(result.supergraphSdl).not.toContain('@audited(reason: "money")');
  });

  it('refuses a definition that is not a directive, or a spec url without a version', () => {
    expect(() => composedDirectivesSdl([{ url: audited.url, definition: 'type X { id: ID }' }])).toThrow('Not a directive definition');
    expect(() => composedDirectivesSdl([{ url: 'https://cellgraph.dev/audited', definition: audited.definition }])).toThrow('must end with its version');
  });
});
