// @ts-check
/**
 * `cellgraph/relative-boundaries`: a relative import (static, dynamic, `export … from`, `import('…')`
 * type) must stay inside the importing file's own area — `subgraphs/<name>/`, `gateway/` or
 * `scripts/` — unless its target lies under one of the `allow` prefixes (repository-relative). Package
 * specifiers (`@cellgraph/…`) are checked by `no-restricted-imports` in eslint.config.js; this rule
 * closes the other door, `../../<other>/…`. Paths are compared as written (no resolution needed).
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The area a repository-relative path belongs to: `subgraphs/<name>`, or its first segment. */
export function areaOf(path) {
  const parts = path.split('/');
  return parts[0] === 'subgraphs' && parts.length > 2 ? `subgraphs/${parts[1]}` : parts[0];
}

/** @type {import('eslint').Rule.RuleModule} */
const relativeBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'relative imports stay inside their module (subgraph, gateway, scripts)' },
    schema: [{ type: 'object', properties: { allow: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
    messages: {
      escapes:
        "'{{source}}' leaves {{area}}/ (for {{target}}): import another module only as @cellgraph/<module>/contracts, the kernel as @cellgraph/kernel[/core|/testing].",
    },
  },
  create(context) {
    const allow = context.options[0]?.allow ?? [];
    const file = relative(ROOT, context.filename).split(sep).join('/');
    if (file.startsWith('..')) return {};
    const area = areaOf(file);

    /** @param {import('estree').Node | null | undefined} node */
    function check(node) {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const source = node.value;
      if (!source.startsWith('./') && !source.startsWith('../')) return;
      const target = relative(ROOT, resolve(dirname(context.filename), source))
        .split(sep)
        .join('/');
      if (target === area || target.startsWith(`${area}/`)) return;
      if (allow.some((prefix) => target.startsWith(prefix))) return;
      context.report({ node, messageId: 'escapes', data: { source, area, target } });
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      // `import('../x.js').Type` in a type position
      /** @param {any} node */
      TSImportType: (node) => check(node.argument?.type === 'TSLiteralType' ? node.argument.literal : (node.source ?? node.argument)),
    };
  },
};

export default { meta: { name: 'cellgraph' }, rules: { 'relative-boundaries': relativeBoundaries } };
