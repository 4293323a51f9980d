import { buildSchema, parse, validate, specifiedRules } from 'graphql';
import { describe, expect, it } from 'vitest';
import { aliasLimit, depthLimit, directiveLimit } from './limits.js';

const schema = buildSchema(`type Query { node: Node } type Node { id: ID, child: Node }`);
const errors = (source: string, rule: ReturnType<typeof depthLimit>) => validate(schema, parse(source), [...specifiedRules, rule]).map((e) => e.message);
// node { child { … { id } } }: `depth` levels of fields in all.
const nested = (depth: number) => `{ node { ${'child { '.repeat(depth - 2)}id${' }'.repeat(depth - 1)} }`;

describe('depth limit', () => {
  it('allows the limit and refuses one level more, through fragments too', () => {
    expect(errors(nested(5), depthLimit(5))).toEqual([]);
    expect(errors(nested(6), depthLimit(5))).toEqual(['Query depth 6 exceeds the limit of 5']);
    const viaFragments = `{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { child { id } } }`;
    expect(errors(viaFragments, depthLimit(4))).toEqual(['Query depth 5 exceeds the limit of 4']);
  });

  it('does not count introspection, which explorers send deep but bounded', () => {
    expect(errors('{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }', depthLimit(2))).toEqual([]);
  });
});

describe('alias and directive limits', () => {
  it('counts aliases and directives across the document', () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: node { id }`).join(' ')} }`;
    expect(errors(aliases(3), aliasLimit(3))).toEqual([]);
    expect(errors(aliases(4), aliasLimit(3))).toEqual(['Document uses 4 aliases; the limit is 3']);
    const directives = `{ node @include(if: true) { id @skip(if: false) child @include(if: true) { id } } }`;
    expect(errors(directives, directiveLimit(2))).toEqual(['Document uses 3 directives; the limit is 2']);
  });
});
