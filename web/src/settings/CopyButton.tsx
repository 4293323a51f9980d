import { useState } from 'react';
import { Button } from '../ui/controls';
import { useT } from '../app/i18n';
import { m } from './messages';

/** Copies `text` to the clipboard and says so. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useT();
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
      <Button onClick={() => void copy()}>{state === 'copied' ? t(m.copied) : (label ?? t(m.copy))}</Button>
      <span className="sr-only" role="status">
        {state === 'copied' ? t(m.copiedToClipboard) : state === 'failed' ? t(m.copyFailed) : ''}
      </span>
      {state === 'failed' ? <span className="field-error">{t(m.selectAndCopy)}</span> : null}
    </>
  );
}
