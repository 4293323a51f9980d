import type { TextRange } from '../app/registry';

/** `text` with the ranges marked (`<mark>`); ranges out of order, overlapping or past the end are tolerated. */
export function Highlighted({ text, highlights = [] }: { text: string; highlights?: readonly TextRange[] }) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const { start, length } of [...highlights].sort((a, b) => a.start - b.start)) {
    const from = Math.max(start, at);
    const to = Math.min(start + length, text.length);
    if (to <= from) continue;
    if (from > at) parts.push({ text: text.slice(at, from), marked: false });
    parts.push({ text: text.slice(from, to), marked: true });
    at = to;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return <>{parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}</>;
}
