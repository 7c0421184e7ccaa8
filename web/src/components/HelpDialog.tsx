import { Dialog } from './Dialog';

export const SHORTCUTS: Array<[string, string]> = [
  ['g a', 'Alerts'],
  ['g i', 'Incidents'],
  ['g u', 'Audit'],
  ['g t', 'Token check'],
  ['g c', 'URL and post check'],
  ['g n', 'Notifications (webhooks)'],
  ['j, k', 'Next / previous row in the alert feed or incident list'],
  ['Enter', 'Open the selected row'],
  ['x', 'Select the focused alert for a bulk action'],
  ['/', 'Focus the search or filter box'],
  ['?', 'This help'],
  ['Esc', 'Close dialogs'],
];

export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" testId="help-dialog">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                {/* "g a" is a sequence of keys; "j, k" are alternatives. */}
                {keys.split(', ').map((alt, i) => (
                  <span key={alt}>
                    {i > 0 ? ' / ' : null}
                    {alt.split(' ').map((k) => (
                      <kbd key={k}>{k}</kbd>
                    ))}
                  </span>
                ))}
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">Shortcuts are ignored while typing in a field.</p>
    </Dialog>
  );
}
