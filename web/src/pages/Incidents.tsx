/** Incidents: related alerts the monitor grouped into one attack, most recently grown first. */
import { useState } from 'react';
import { api } from '../api';
import { LoadError, Loading } from '../components/Notice';
import { SeverityBadge } from '../components/SeverityBadge';
import { SeveritySelect } from '../components/SeveritySelect';
import { percent } from '../format';
import { useAsync, useInterval, useTitle } from '../hooks';
import { useListSelection } from '../keyboard';
import { navigate, useRoute } from '../router';
import { StatusPill, TRIAGE_STATUSES } from '../components/Triage';
import { SEVERITIES_DESC } from '../format';
import type { IncidentPage, IncidentSummary, Severity, TriageStatus } from '@argus/api';
import { STAGES } from '../types';

const PAGE = 100;

export function IncidentsPage() {
  useTitle('Incidents');
  // The filters live in the URL (#/incidents?status=open&severity=high), so a view can be shared.
  const { params } = useRoute();
  const sev = params.get('severity') ?? '';
  const severity: Severity | '' = (SEVERITIES_DESC as readonly string[]).includes(sev) ? (sev as Severity) : '';
  const st = params.get('status') ?? '';
  const status: TriageStatus | '' = (TRIAGE_STATUSES as readonly string[]).includes(st) ? (st as TriageStatus) : '';
  const setFilter = (next: { severity?: Severity | ''; status?: TriageStatus | '' }) => {
    const p = new URLSearchParams();
    const s = next.severity ?? severity;
    const t = next.status ?? status;
    if (s) p.set('severity', s);
    if (t) p.set('status', t);
    navigate(`/incidents${p.size ? `?${p.toString()}` : ''}`);
  };
  const filterKey = `${severity}:${status}`;
  const filter = { ...(severity ? { severity } : {}), ...(status ? { status } : {}) };
  // The first page is refreshed as incidents grow; older pages are fetched on request through the cursor
  // and kept (an incident that grew since shows once, at its new place on the first page).
  const first = useAsync(() => api.incidents({ limit: PAGE, ...filter }), `incidents:${filterKey}`);
  useInterval(first.reload, 10_000);
  const [older, setOlder] = useState<{ filter: string; pages: IncidentPage[] }>({ filter: filterKey, pages: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const olderPages = older.filter === filterKey ? older.pages : [];
  const lastPage = olderPages.at(-1) ?? first.data;
  const onFirst = new Set(first.data?.incidents.map((i) => i.id));
  const incidents: IncidentSummary[] = [...(first.data?.incidents ?? []), ...olderPages.flatMap((p) => p.incidents).filter((i) => !onFirst.has(i.id))];
  const loadMore = async () => {
    const cursor = lastPage?.nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await api.incidents({ limit: PAGE, cursor, ...filter });
      setOlder({ filter: filterKey, pages: [...olderPages, page] });
    } finally {
      setLoadingMore(false);
    }
  };
  const open = (i: number) => {
    const inc = incidents[i];
    if (inc) navigate(`/incidents/${encodeURIComponent(inc.id)}`);
  };
  const [selected, setSelected] = useListSelection(
    incidents.map((i) => i.id),
    open,
  );

  return (
    <div className="page">
      <div className="page-head">
        <h1>Incidents</h1>
        <p className="muted">Alerts about the same addresses over nearby blocks, joined into one story.</p>
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <SeveritySelect value={severity} onChange={(severity) => setFilter({ severity })} testId="incident-severity" />
        <label className="field inline">
          <span>Status</span>
          <select value={status} onChange={(e) => setFilter({ status: e.target.value as TriageStatus | '' })} data-testid="incident-status">
            <option value="">all</option>
            {TRIAGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </form>
      {first.loading && !first.data ? <Loading what="incidents" /> : null}
      {first.error ? <LoadError error={first.error} what="incidents" /> : null}
      {first.data && incidents.length === 0 ? <p className="notice muted">{severity || status ? `No ${[status, severity].filter(Boolean).join(' ')} incidents.` : 'No incidents yet.'}</p> : null}
      {incidents.length > 0 ? (
        <div className="panel flush table-scroll">
          <table className="data rows">
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Incident</th>
                <th scope="col">Stages</th>
                <th scope="col" className="num">
                  Blocks
                </th>
                <th scope="col" className="num">
                  Alerts
                </th>
                <th scope="col" className="num">
                  Confidence
                </th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((inc, i) => (
                <tr
                  key={inc.id}
                  tabIndex={0}
                  className={selected === i ? 'selected clickable' : 'clickable'}
                  data-testid="incident-row"
                  data-incident-id={inc.id}
                  data-row-index={i}
                  onClick={() => open(i)}
                  onFocus={() => setSelected(i)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      open(i);
                    }
                  }}
                >
                  <td>
                    <SeverityBadge severity={inc.severity} />
                  </td>
                  <td>
                    <div className="title">
                      {inc.title} <StatusPill triage={inc.triage} />
                    </div>
                    <div className="muted small">{inc.kinds.join(', ')}</div>
                  </td>
                  <td>
                    <span className="mini-chain" aria-label={`stages: ${inc.stages.join(', ')}`}>
                      {STAGES.map((s) => (
                        <span key={s} className={inc.stages.includes(s) ? 'dot on' : 'dot'} title={s} />
                      ))}
                    </span>
                  </td>
                  <td className="num">
                    {inc.firstBlock}–{inc.lastBlock}
                  </td>
                  <td className="num">{inc.alertCount}</td>
                  <td className="num">{percent(inc.confidence, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {lastPage?.nextCursor ? (
            <div className="row-end more">
              <button type="button" onClick={() => void loadMore()} disabled={loadingMore}>
                {loadingMore ? 'Loading…' : 'Show older incidents'}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
