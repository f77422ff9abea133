import { useEffect, useId, useRef, useState } from 'react';
import type { CreatedApiKey } from '../../api';

type CopyState = 'idle' | 'copied' | 'manual';

/** The new key, shown once: copy it now, it is never shown again. */
export function NewKey({ created, userName, onDone }: { created: CreatedApiKey; userName: string; onDone: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const headingId = useId();
  const inputId = useId();

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  async function onCopy() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('Clipboard API not available');
      await navigator.clipboard.writeText(created.key);
      setCopy('copied');
    } catch {
      inputRef.current?.focus();
      inputRef.current?.select();
      setCopy('manual');
    }
  }

  return (
    <div className="panel new-key" role="region" aria-labelledby={headingId}>
      <h3 id={headingId}>
        New key “{created.name}” for {userName}
      </h3>
      <p>
        <strong>Copy it now: this is the only time it is shown.</strong> Only a hash is stored, so it cannot be shown again.
      </p>
      <div className="key-box">
        <label htmlFor={inputId} className="visually-hidden">
          New API key
        </label>
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          readOnly
          value={created.key}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void onCopy()}>
          Copy
        </button>
      </div>
      <p role="status" className="copy-status">
        {copy === 'copied'
          ? 'Copied to the clipboard.'
          : copy === 'manual'
            ? 'Copying is not available here. The key is selected: press Ctrl+C (⌘C on a Mac) to copy it.'
            : ''}
      </p>
      <button type="button" className="button button-quiet" onClick={onDone}>
        Done, hide the key
      </button>
    </div>
  );
}
