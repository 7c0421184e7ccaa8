/**
 * Triage in the dashboard: the status pill rows show, and the panel on an alert's or an incident's page
 * (status buttons, a snooze, the assignee, notes and the history of who changed what, when). Changes go
 * through the API with the key (the key dialog opens when none is stored); the name typed in "acting as"
 * is kept in this browser and sent as `by`, which the server records with the key's digest.
 */
import { useState } from 'react';
import { api, reportError } from '../api';
import { useAsync } from '../hooks';
import { createStore, useStore } from '../store';
import type { TriageKind, TriageRecord, TriageRequest, TriageState, TriageStatus } from '@argus/api';

export const TRIAGE_STATUSES: readonly TriageStatus[] = ['open', 'acknowledged', 'resolved', 'muted'];
const NAME_STORAGE = 'argus.operator';

function storedName(): string {
  try {
    return localStorage.getItem(NAME_STORAGE) ?? '';
  } catch {
    return '';
  }
}

/** The operator's name for the audit trail, kept in this browser. */
export const operatorName = createStore<string>(storedName());

export function setOperatorName(name: string): void {
  operatorName.set(name);
  try {
    localStorage.setItem(NAME_STORAGE, name);
  } catch {
    // Storage disabled: the name lasts for this page.
  }
}

/** `by` for a change: the operator's name when one is set. */
export function byOperator(): { by?: string } {
  const name = operatorName.get().trim();
  return name ? { by: name.slice(0, 100) } : {};
}

export const MUTE_CHOICES: ReadonlyArray<{ label: string; ms: number | null }> = [
  { label: '1 hour', ms: 3600_000 },
  { label: '24 hours', ms: 86_400_000 },
  { label: '7 days', ms: 7 * 86_400_000 },
  { label: 'until unmuted', ms: null },
];

export const muteChange = (ms: number | null): TriageRequest => ({ status: 'muted', ...(ms !== null ? { mutedUntil: new Date(Date.now() + ms).toISOString() } : {}) });

/** A small label for a triaged item (nothing for an open, unassigned one). */
export function StatusPill({ triage }: { triage: TriageState | undefined | null }) {
  if (!triage || (triage.status === 'open' && !triage.assignee)) return null;
  const until = triage.status === 'muted' && triage.mutedUntil ? ` until ${new Date(triage.mutedUntil).toLocaleString()}` : '';
  return (
    <span className={`status-pill status-${triage.status}`} data-testid="status-pill" data-status={triage.status} title={`${triage.status}${until}${triage.assignee ? `, assigned to ${triage.assignee}` : ''}`}>
      {triage.status === 'open' ? '' : triage.status}
      {triage.assignee ? <span className="assignee">{triage.status === 'open' ? '' : ' · '}@{triage.assignee}</span> : null}
    </span>
  );
}

/** Status tabs with counts: All, then each status. */
export function StatusTabs({ value, counts, onChange }: { value: TriageStatus | ''; counts: Record<TriageStatus, number> | undefined; onChange: (s: TriageStatus | '') => void }) {
  const all = counts ? TRIAGE_STATUSES.reduce((n, s) => n + counts[s], 0) : undefined;
  const tabs: Array<[TriageStatus | '', string, number | undefined]> = [['', 'All', all], ...TRIAGE_STATUSES.map((s) => [s, s[0]!.toUpperCase() + s.slice(1), counts?.[s]] as [TriageStatus, string, number | undefined])];
  return (
    <div className="status-tabs" role="tablist" aria-label="Triage status">
      {tabs.map(([s, label, n]) => (
        <button key={s || 'all'} type="button" role="tab" aria-selected={value === s} className={value === s ? 'tab on' : 'tab'} data-testid={`status-tab-${s || 'all'}`} onClick={() => onChange(s)}>
          {label}
          {n !== undefined ? <span className="tab-count num">{n.toLocaleString('en-US')}</span> : null}
        </button>
      ))}
    </div>
  );
}

/** The triage panel of one alert or incident. */
export function TriagePanel({ kind, id, onChange }: { kind: TriageKind; id: string; onChange?: (record: TriageRecord) => void }) {
  const loaded = useAsync(() => api.triage(kind, id), `triage:${kind}:${id}`);
  const [record, setRecord] = useState<TriageRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const [assignee, setAssignee] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const name = useStore(operatorName);
  const current = record ?? loaded.data ?? null;
  const status = current?.triage?.status ?? 'open';

  const apply = async (change: TriageRequest) => {
    setBusy(true);
    try {
      const next = await api.setTriage(kind, id, { ...change, ...byOperator() });
      setRecord(next);
      onChange?.(next);
      return true;
    } catch (error) {
      reportError(error);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const shownAssignee = assignee ?? current?.triage?.assignee ?? '';
  return (
    <section className="panel triage" aria-label="Triage" data-testid="triage-panel" data-status={status}>
      <h2 className="panel-title">
        Triage <span className={`status-pill status-${status}`} data-testid="triage-status">{status}</span>
        {status === 'muted' && current?.triage?.mutedUntil ? <span className="muted small">until {new Date(current.triage.mutedUntil).toLocaleString()}</span> : null}
      </h2>
      {loaded.error && !current ? <p className="notice error-text">Could not load the triage: {loaded.error instanceof Error ? loaded.error.message : String(loaded.error)}</p> : null}
      <div className="triage-actions">
        {status !== 'acknowledged' && status !== 'resolved' ? (
          <button type="button" disabled={busy} data-testid="triage-acknowledge" onClick={() => void apply({ status: 'acknowledged' })}>
            Acknowledge
          </button>
        ) : null}
        {status !== 'resolved' ? (
          <button type="button" disabled={busy} data-testid="triage-resolve" onClick={() => void apply({ status: 'resolved' })}>
            Resolve
          </button>
        ) : null}
        {status !== 'open' ? (
          <button type="button" disabled={busy} data-testid="triage-reopen" onClick={() => void apply({ status: 'open' })}>
            Reopen
          </button>
        ) : null}
        <label className="field inline">
          <span>Mute</span>
          <select
            value=""
            disabled={busy}
            data-testid="triage-mute"
            onChange={(e) => {
              const choice = MUTE_CHOICES[Number(e.target.value)];
              if (choice) void apply(muteChange(choice.ms));
            }}
          >
            <option value="">for…</option>
            {MUTE_CHOICES.map((c, i) => (
              <option key={c.label} value={i}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <form
        className="triage-row"
        onSubmit={(e) => {
          e.preventDefault();
          const value = shownAssignee.trim();
          void apply({ assignee: value ? value : null }).then((ok) => ok && setAssignee(null));
        }}
      >
        <label className="field grow">
          <span>Assignee</span>
          <input value={shownAssignee} maxLength={100} placeholder="nobody" data-testid="triage-assignee" onChange={(e) => setAssignee(e.target.value)} />
        </label>
        <button type="submit" disabled={busy} data-testid="triage-assign">
          {shownAssignee.trim() ? 'Assign' : 'Unassign'}
        </button>
      </form>
      <form
        className="triage-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!note.trim()) return;
          void apply({ note: note.trim() }).then((ok) => ok && setNote(''));
        }}
      >
        <label className="field grow">
          <span>Note</span>
          <textarea rows={2} value={note} maxLength={4000} placeholder="What you found, what you did" data-testid="triage-note" onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" disabled={busy || !note.trim()} data-testid="triage-add-note">
          Add note
        </button>
      </form>
      <label className="field inline small">
        <span>Acting as</span>
        <input value={name} maxLength={100} placeholder="your name (kept in this browser)" onChange={(e) => setOperatorName(e.target.value)} data-testid="operator-name" />
      </label>
      {current && current.history.length > 0 ? (
        <ol className="triage-history" aria-label="History" data-testid="triage-history">
          {[...current.history].reverse().map((e, i) => (
            <li key={i}>
              <time dateTime={e.at} className="muted small">
                {new Date(e.at).toLocaleString()}
              </time>{' '}
              <span className="actor">{e.actor}</span>{' '}
              {e.action === 'note' ? (
                <>
                  noted: <q className="note">{e.value}</q>
                </>
              ) : e.action === 'assignee' ? (
                e.value ? (
                  <>assigned to {e.value}</>
                ) : (
                  <>unassigned {e.previous}</>
                )
              ) : (
                <>
                  {e.previous} → <strong>{e.value}</strong>
                </>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted small">No changes yet: this {kind} is open and unassigned.</p>
      )}
    </section>
  );
}
