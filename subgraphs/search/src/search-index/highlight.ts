import { Field, Int, ObjectType } from 'type-graphql';

/** ts_headline's delimiters: control characters no stored document contains (the projection strips them). */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_STOP = '\u0003';

@ObjectType({ description: 'A highlighted part of a text: `length` characters (UTF-16 code units) from `start`.' })
export class TextRange {
  @Field(() => Int)
  start!: number;

  @Field(() => Int)
  length!: number;
}

@ObjectType({ description: 'Plain text and where the searched words are in it (render the ranges, e.g. as <mark>, escaping the text).' })
export class HighlightedText {
  @Field()
  text!: string;

  @Field(() => [TextRange])
  highlights!: TextRange[];
}

/** Turns ts_headline's output (words between HIGHLIGHT_START and HIGHLIGHT_STOP) into text and ranges. */
export function parseHighlights(marked: string): HighlightedText {
  let text = '';
  const highlights: TextRange[] = [];
  let start: number | null = null;
  for (const char of marked) {
    if (char === HIGHLIGHT_START) start = text.length;
    else if (char === HIGHLIGHT_STOP) {
      if (start !== null && text.length > start) highlights.push({ start, length: text.length - start });
      start = null;
    } else text += char;
  }
  return Object.assign(new HighlightedText(), { text, highlights: highlights.map((range) => Object.assign(new TextRange(), range)) });
}
