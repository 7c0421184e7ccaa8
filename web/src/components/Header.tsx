/** The top bar: product, navigation, the server's chain and version, and the live-stream state. */
import { api } from '../api';
import { useEffect } from 'react';
import { setExplorerInfo } from '../explorer';
import { useAsync } from '../hooks';
import { useLiveState } from '../live';

const NAV: Array<{ href: string; label: string; section: string; key: string }> = [
  { href: '#/', label: 'Alerts', section: 'alerts', key: 'g a' },
  { href: '#/incidents', label: 'Incidents', section: 'incidents', key: 'g i' },
  { href: '#/audit', label: 'Audit', section: 'audit', key: 'g u' },
  { href: '#/token', label: 'Token', section: 'token', key: 'g t' },
  { href: '#/check', label: 'Check', section: 'check', key: 'g c' },
  { href: '#/notifications', label: 'Notify', section: 'notifications', key: 'g n' },
];

const STATE_LABELS = { live: 'Live', connecting: 'Reconnecting…', offline: 'Offline' } as const;

export function Header({ section, onHelp }: { section: string; onHelp: () => void }) {
  const info = useAsync(() => api.info(), 'info');
  useEffect(() => {
    if (info.data) setExplorerInfo(info.data);
  }, [info.data]);
  const state = useLiveState();
  return (
    <header className="topbar">
      <a className="brand" href="#/">
        <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true">
          <circle cx="16" cy="16" r="10" fill="none" stroke="#4ea1ff" strokeWidth="2.5" />
          <circle cx="16" cy="16" r="4" fill="#4ea1ff" />
        </svg>
        Argus
      </a>
      <nav aria-label="Main">
        <ul>
          {NAV.map((n) => (
            <li key={n.section}>
              <a href={n.href} aria-current={section === n.section ? 'page' : undefined} title={`${n.label} (${n.key})`}>
                {n.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="topbar-right">
        {info.data ? (
          <span className="server-info muted small" title={`RPC ${info.data.rpc ? 'configured' : 'not configured'} · store ${info.data.store ? 'open' : 'none'}`}>
            {info.data.chainId !== null ? `chain ${info.data.chainId}` : 'no chain'} · v{info.data.version}
            {info.data.demo ? <span className="tag">demo</span> : null}
          </span>
        ) : null}
        <span className={`live-status ${state}`} data-testid="live-status" data-state={state} role="status" aria-label={`Alert stream: ${STATE_LABELS[state]}`}>
          <span className="pulse" aria-hidden="true" />
          {STATE_LABELS[state]}
        </span>
        <button type="button" className="ghost small" onClick={onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          ?
        </button>
      </div>
    </header>
  );
}
