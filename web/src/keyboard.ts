/**
 * Keyboard shortcuts. Global ones (g-chords, /, ?) live in the App; list pages use `useListSelection`
 * for j/k/Enter. All of them stay quiet while the user types in a field, and leave modified keys
 * (Ctrl/Cmd/Alt) to the browser.
 */
import { useEffect, useRef, useState } from 'react';

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select');
}

function isPlainKey(e: KeyboardEvent): boolean {
  return !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target) && !document.querySelector('dialog[open]');
}

/** Subscribes `handler` to unmodified keydowns outside fields and dialogs. */
export function usePlainKeys(handler: (e: KeyboardEvent) => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      if (isPlainKey(e)) ref.current(e);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}

/**
 * j/k move a selection through the rows (given by their ids), Enter opens the selected one. The
 * selection follows the row's id, not its position, so rows arriving at the top of a live list do not
 * move it to another alert. The selected row is focused and scrolled into view so screen readers follow
 * it; rows carry `data-row-index`.
 */
export function useListSelection(ids: readonly string[], onOpen: (index: number) => void): [number, (index: number) => void] {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = selectedId === null ? -1 : ids.indexOf(selectedId);
  const select = (i: number) => setSelectedId(ids[i] ?? null);
  const focusRow = (i: number) => {
    select(i);
    const row = document.querySelector<HTMLElement>(`[data-row-index="${i}"]`);
    row?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: 'nearest' });
  };
  usePlainKeys((e) => {
    if (ids.length === 0) return;
    if (e.key === 'j') {
      e.preventDefault();
      focusRow(Math.min(ids.length - 1, selected + 1));
    } else if (e.key === 'k') {
      e.preventDefault();
      focusRow(Math.max(0, selected - 1));
    } else if (e.key === 'Enter' && selected >= 0) {
      // A focused row handles its own Enter; this covers a selection whose focus moved elsewhere.
      if (document.activeElement instanceof HTMLElement && document.activeElement.dataset.rowIndex !== undefined) return;
      e.preventDefault();
      onOpen(selected);
    }
  });
  return [selected, select];
}
