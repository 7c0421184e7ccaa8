/** Asks for the API key when the server refused a request (401/403); the key stays in sessionStorage. */
import { useState } from 'react';
import { getApiKey, keyPrompt, setApiKey } from '../api';
import { useStore } from '../store';
import { Dialog } from './Dialog';

export function KeyDialog() {
  const prompt = useStore(keyPrompt);
  const [value, setValue] = useState('');
  const close = () => keyPrompt.set({ open: false, reason: '' });
  return (
    <Dialog open={prompt.open} onClose={close} title="API key needed" testId="key-dialog">
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (!value.trim()) return;
          setApiKey(value.trim());
          setValue('');
          close();
        }}
      >
        <p className="muted">
          {prompt.reason || 'This action needs an API key.'} The key is kept for this browser tab only. {getApiKey() ? 'The stored key was refused.' : ''}
        </p>
        <label className="field">
          <span>API key</span>
          <input type="password" autoComplete="off" data-autofocus value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <p className="muted small">Then repeat the action.</p>
        <div className="row-end">
          <button type="button" className="ghost" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save key
          </button>
        </div>
      </form>
    </Dialog>
  );
}
