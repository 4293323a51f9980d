import { fromGlobalId, text, translator, type LocalizedText } from '@cellgraph/kernel';
import { noteErrorTexts } from '../messages.js';

/*
 * A note's body is the JSON document of the SPA's editor (Tiptap / ProseMirror). Whatever a client
 * sends is rebuilt from a strict allow-list — unknown nodes, marks and attributes are dropped, links
 * keep only http/https/mailto targets — within size and depth limits, so what is stored and served
 * back is always a document the editor renders safely.
 */

/** A ProseMirror node as stored: only what the allow-list keeps. */
export interface RichTextNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichTextNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

export interface RichTextDoc extends RichTextNode {
  type: 'doc';
  content: RichTextNode[];
}

export const MAX_BODY_BYTES = 256 * 1024;
export const MAX_DEPTH = 20;
const MAX_TEXT = 100_000;
const MAX_LABEL = 200;
const MAX_LANGUAGE = 40;
const MAX_HREF = 2_048;

/** Why a body was refused (too big or too deep); everything else is cleaned, not refused. */
export class RichTextError extends Error {
  override name = 'RichTextError';

  /** `reason` is answered in the reader's language; the error's own message is its English text (logs). */
  constructor(readonly reason: LocalizedText) {
    super(translator('en-US').text(reason));
  }
}

type AttrRule = (value: unknown) => unknown;

const intIn =
  (min: number, max: number, fallback: number): AttrRule =>
  (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;

/** Allowed nodes and, for each, the attributes it keeps (anything else is dropped). */
const NODES: Record<string, Record<string, AttrRule>> = {
  doc: {},
  paragraph: {},
  heading: { level: intIn(1, 3, 1) },
  bulletList: {},
  orderedList: { start: intIn(1, 1_000_000, 1) },
  listItem: {},
  taskList: {},
  taskItem: { checked: (value) => value === true },
  blockquote: {},
  codeBlock: { language: (value) => (typeof value === 'string' && /^[A-Za-z0-9_+#.-]{1,40}$/.test(value) ? value.slice(0, MAX_LANGUAGE) : null) },
  horizontalRule: {},
  hardBreak: {},
  text: {},
  mention: {
    id: (value) => (typeof value === 'string' && mentionedUser(value) ? value : null),
    label: (value) => (typeof value === 'string' ? value.slice(0, MAX_LABEL) : null),
  },
};

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/** Allowed marks and their attributes; a link without a safe target is dropped. */
const MARKS: Record<string, Record<string, AttrRule>> = {
  bold: {},
  italic: {},
  strike: {},
  underline: {},
  code: {},
  link: { href: (value) => (typeof value === 'string' && value.length <= MAX_HREF && SAFE_LINK.test(value.trim()) ? value.trim() : null) },
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The user uuid of a mention's global id, or null when it names no user. */
function mentionedUser(id: string): string | null {
  try {
    return fromGlobalId('User', id);
  } catch {
    return null;
  }
}

function cleanAttrs(rules: Record<string, AttrRule>, attrs: unknown): Record<string, unknown> | undefined {
  const keys = Object.keys(rules);
  if (!keys.length) return undefined;
  const source = isRecord(attrs) ? attrs : {};
  return Object.fromEntries(keys.map((key) => [key, rules[key]!(source[key])]));
}

function cleanMarks(marks: unknown): RichTextNode['marks'] {
  if (!Array.isArray(marks)) return undefined;
  const kept: NonNullable<RichTextNode['marks']> = [];
  for (const mark of marks) {
    if (!isRecord(mark) || typeof mark.type !== 'string' || !Object.hasOwn(MARKS, mark.type)) continue;
    const attrs = cleanAttrs(MARKS[mark.type]!, mark.attrs);
    if (mark.type === 'link' && !attrs?.href) continue;
    if (kept.some((other) => other.type === mark.type)) continue;
    kept.push(attrs ? { type: mark.type, attrs } : { type: mark.type });
  }
  return kept.length ? kept : undefined;
}

function cleanNode(node: unknown, depth: number): RichTextNode | null {
  if (depth > MAX_DEPTH) throw new RichTextError(text(noteErrorTexts.bodyTooDeep, { max: MAX_DEPTH }));
  if (!isRecord(node) || typeof node.type !== 'string' || !Object.hasOwn(NODES, node.type) || node.type === 'doc') return null;
  const type = node.type;
  if (type === 'text') {
    if (typeof node.text !== 'string' || !node.text) return null;
    const marks = cleanMarks(node.marks);
    return marks ? { type, text: node.text.slice(0, MAX_TEXT), marks } : { type, text: node.text.slice(0, MAX_TEXT) };
  }
  const attrs = cleanAttrs(NODES[type]!, node.attrs);
  if (type === 'mention' && !attrs?.id) return null;
  const cleaned: RichTextNode = attrs ? { type, attrs } : { type };
  if (Array.isArray(node.content)) {
    const content = node.content.map((child) => cleanNode(child, depth + 1)).filter((child): child is RichTextNode => child !== null);
    if (content.length) cleaned.content = content;
  }
  return cleaned;
}

/**
 * The allow-listed copy of a client's document. Refuses (RichTextError) a body over 256 KiB of JSON,
 * one nested deeper than 20 levels, and anything that is not a `doc`; drops whatever is not allowed.
 */
export function sanitizeDoc(input: unknown): RichTextDoc {
  // Depth first, without recursion: JSON.stringify of a hostile, deeply nested body overflows the stack.
  if (nestedDeeperThan(input, MAX_DEPTH * 2 + 2)) throw new RichTextError(text(noteErrorTexts.bodyTooDeep, { max: MAX_DEPTH }));
  const size = Buffer.byteLength(JSON.stringify(input) ?? '', 'utf8');
  if (size > MAX_BODY_BYTES) throw new RichTextError(text(noteErrorTexts.bodyTooLarge, { max: MAX_BODY_BYTES / 1024 }));
  if (!isRecord(input) || input.type !== 'doc') throw new RichTextError(text(noteErrorTexts.bodyNotADocument));
  const content = Array.isArray(input.content)
    ? input.content.map((child) => cleanNode(child, 1)).filter((child): child is RichTextNode => child !== null)
    : [];
  return { type: 'doc', content };
}

/** Whether any value inside `input` (objects and arrays alike) lies deeper than `max`. */
function nestedDeeperThan(input: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[input, 0]];
  while (pending.length) {
    const [value, depth] = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return false;
}

/** An empty document. */
export const emptyDoc = (): RichTextDoc => ({ type: 'doc', content: [] });

const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'taskItem', 'blockquote', 'codeBlock', 'horizontalRule']);

/** The plain text of a document (blocks on their own lines, mentions as `@label`): for search and previews. */
export function plainText(doc: RichTextNode): string {
  const parts: string[] = [];
  const walk = (node: RichTextNode) => {
    if (node.type === 'text') parts.push(node.text ?? '');
    else if (node.type === 'mention') parts.push(`@${(node.attrs?.label as string | null) ?? ''}`);
    else if (node.type === 'hardBreak') parts.push('\n');
    node.content?.forEach(walk);
    if (BLOCKS.has(node.type)) parts.push('\n');
  };
  walk(doc);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

/** The first ~200 characters of the text, on one line. */
export function excerptOf(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The user uuids mentioned in a document (each once). */
export function mentionedUsers(doc: RichTextNode): string[] {
  const users = new Set<string>();
  const walk = (node: RichTextNode) => {
    if (node.type === 'mention' && typeof node.attrs?.id === 'string') {
      const user = mentionedUser(node.attrs.id);
      if (user) users.add(user);
    }
    node.content?.forEach(walk);
  };
  walk(doc);
  return [...users];
}
