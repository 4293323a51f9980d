/**
 * A file name safe to store and to send back in Content-Disposition: the last path part only (no
 * `../`), without control or bidirectional-override characters, whitespace collapsed, at most 255
 * characters. Empty when nothing is left (the caller refuses it).
 */
export function sanitizeFileName(raw: string): string {
  const lastPart = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = lastPart
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const name = cleaned === '.' || cleaned === '..' ? '' : cleaned;
  return [...name].slice(0, 255).join('');
}
