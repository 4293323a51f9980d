import { useState } from 'react';
import { Button } from '../ui/controls';

/** Copies `text` to the clipboard and says so. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }
  return (
    <>
      <Button onClick={() => void copy()}>{state === 'copied' ? 'Copied' : label}</Button>
      <span className="sr-only" role="status">
        {state === 'copied' ? 'Copied to the clipboard' : state === 'failed' ? 'Could not copy: select the text and copy it' : ''}
      </span>
      {state === 'failed' ? <span className="field-error">Select the text and copy it.</span> : null}
    </>
  );
}
