import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { Arg, Query, registerEnumType, Resolver } from 'type-graphql';
import { buildFederatedSchema } from './build-federated-schema.js';

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
