/**
 * A modal built on the native <dialog>: showModal() gives focus trapping, the inert background and
 * Esc-to-close for free, which a hand-rolled overlay would have to re-implement.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog(props: { open: boolean; onClose: () => void; title: string; testId?: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { open, onClose } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // React's autoFocus fires before the dialog is shown; focus the intended field once it is.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${props.testId ?? 'dialog'}-title`}
      data-testid={props.testId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-head">
        <h2 id={`${props.testId ?? 'dialog'}-title`}>{props.title}</h2>
        <button type="button" className="ghost" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </header>
      {open ? props.children : null}
    </dialog>
  );
}
