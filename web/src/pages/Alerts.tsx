/**
 * Home: what needs attention now (open incidents by severity, the newest open critical alerts), then the
 * alert feed, then the charts. The feed is the server's: every filter (severity, detector, chain, triage
 * status, search words) is applied by the API over every stored alert, counts come from GET /alerts/counts,
 * and older alerts are paged in through the cursor; alerts arriving on the live stream that match the
 * filters are added on top. The filters live in the URL (`#/?status=open&severity=high`), so a view can be
 * shared or reloaded.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, reportError } from '../api';
import { Bars } from '../charts/Bars';
import { TimeSeries } from '../charts/TimeSeries';
import { DemoScoreboard } from '../components/DemoScoreboard';
import { LoadError, Loading } from '../components/Notice';
import { SeverityBadge } from '../components/SeverityBadge';
import { SeveritySelect } from '../components/SeveritySelect';
import { byOperator, MUTE_CHOICES, muteChange, StatusPill, StatusTabs } from '../components/Triage';
import { age, compact, detectorName, formatInt, SEVERITIES_DESC } from '../format';
import { formatUsd } from '../money';
import { useAsync, useInterval, useNow, useTitle } from '../hooks';
import { useListSelection } from '../keyboard';
import { useFeed } from '../live';
import { navigate, useRoute } from '../router';
import type { AlertPage, Severity, StoredAlert, TriageRequest, TriageState, TriageStatus } from '@argus/api';

const SUMMARY_REFRESH_MS = 10_000;
const PAGE = 100;
const HIGHLIGHT_MS = 4000;

interface Filters {
  severity: Severity | '';
  detector: string;
  status: TriageStatus | '';
  chain: string;
  q: string;
  /** The charts' time range (the feed itself is paged, not cut by time). */
  range: Range | '';
}

const RANGES = ['1h', '24h', '7d', 'all'] as const;
type Range = (typeof RANGES)[number];

const FILTER_KEYS = ['severity', 'detector', 'status', 'chain', 'q', 'range'] as const;

function filtersOf(params: URLSearchParams): Filters {
  const severity = params.get('severity') ?? '';
  const status = params.get('status') ?? '';
  const chain = params.get('chain') ?? '';
  return {
    severity: (SEVERITIES_DESC as readonly string[]).includes(severity) ? (severity as Severity) : '',
    detector: params.get('detector') ?? '',
    status: ['open', 'acknowledged', 'resolved', 'muted'].includes(status) ? (status as TriageStatus) : '',
    chain: /^\d{1,10}$/.test(chain) ? chain : '',
    q: params.get('q') ?? '',
    range: (RANGES as readonly string[]).includes(params.get('range') ?? '') && params.get('range') !== 'all' ? (params.get('range') as Range) : '',
  };
}

/** The feed's URL for `filters` (empty ones left out). */
function hrefOf(filters: Filters): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (filters[k]) p.set(k, filters[k]);
  const s = p.toString();
  return s ? `/?${s}` : '/';
}

/** The API's query for `filters`. */
function queryOf(f: Filters) {
  return {
    includeRetracted: true,
    ...(f.severity ? { severity: f.severity } : {}),
    ...(f.detector ? { detector: f.detector } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.chain ? { chainId: f.chain } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
  };
}

/** Whether a live alert (open, as every new alert is) belongs in the filtered list. */
function matchesLive(a: StoredAlert, f: Filters): boolean {
  if (f.severity && a.finding.severity !== f.severity) return false;
  if (f.detector && a.finding.detector !== f.detector) return false;
  if (f.chain && String(a.chainId) !== f.chain) return false;
  if (f.status && f.status !== 'open') return false;
  const words = f.q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = JSON.stringify(a).toLowerCase();
  return words.every((w) => text.includes(w));
}

interface List {
  key: string;
  alerts: StoredAlert[];
  triage: Record<string, TriageState>;
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
}

export function AlertsPage() {
  const route = useRoute();
  const filters = filtersOf(route.params);
  const key = hrefOf(filters);
  const setFilters = (change: Partial<Filters>) => navigate(hrefOf({ ...filters, ...change }));
  const feed = useFeed();
  const now = useNow(1000);
  const [text, setText] = useState(filters.q);
  const [list, setList] = useState<List>({ key: '', alerts: [], triage: {}, nextCursor: null, loading: true, error: null });
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [assignTo, setAssignTo] = useState('');
  const counts = useAsync(() => api.alertCounts(queryOf(filters)), `counts:${key}`);
  const summary = useAsync(() => api.summary(40, filters.range || undefined, filters.chain || undefined), `summary:${filters.range}:${filters.chain}`);
  useInterval(summary.reload, SUMMARY_REFRESH_MS);

  // Searching waits for a pause in typing, then goes into the URL like every filter.
  useEffect(() => setText(filters.q), [filters.q]);
  const textRef = useRef(text);
  textRef.current = text;
  useEffect(() => {
    if (text === filters.q) return;
    const t = setTimeout(() => setFilters({ q: textRef.current }), 350);
    return () => clearTimeout(t);
  }, [text]);

  // The first page whenever the filters change.
  useEffect(() => {
    let current = true;
    setList((l) => ({ ...l, key, loading: true, error: null, ...(l.key === key ? {} : { alerts: [], triage: {}, nextCursor: null }) }));
    setSelection(new Set());
    api.alerts({ limit: PAGE, ...queryOf(filters) }).then(
      (page) => current && setList({ key, alerts: page.alerts, triage: page.triage, nextCursor: page.nextCursor, loading: false, error: null }),
      (error: unknown) => current && setList((l) => ({ ...l, key, loading: false, error })),
    );
    return () => {
      current = false;
    };
  }, [key]);

  const loadOlder = async () => {
    if (!list.nextCursor) return;
    setList((l) => ({ ...l, loading: true }));
    try {
      const page: AlertPage = await api.alerts({ limit: PAGE, cursor: list.nextCursor, ...queryOf(filters) });
      setList((l) => (l.key !== key ? l : { ...l, alerts: [...l.alerts, ...page.alerts], triage: { ...l.triage, ...page.triage }, nextCursor: page.nextCursor, loading: false }));
    } catch (error) {
      setList((l) => ({ ...l, loading: false }));
      reportError(error);
    }
  };

  // Live arrivals that match go on top; known alerts take the stream's newer copy (a retraction).
  const live = useMemo(() => new Map(feed.items.map((i) => [i.alert.id, i])), [feed.items]);
  const listed = useMemo(() => new Set(list.alerts.map((a) => a.id)), [list.alerts]);
  const arrived = feed.items.filter((i) => i.arrivedAt !== undefined && !listed.has(i.alert.id) && matchesLive(i.alert, filters));
  const rows = [...arrived.map((i) => i.alert), ...list.alerts.map((a) => live.get(a.id)?.alert ?? a)];

  // New alerts refresh the counts and the charts a second after the last one.
  const newest = arrived[0]?.alert.id;
  const reloadCounts = counts.reload;
  const reloadSummary = summary.reload;
  useEffect(() => {
    if (newest === undefined) return;
    const t = setTimeout(() => {
      reloadCounts();
      reloadSummary();
    }, 1000);
    return () => clearTimeout(t);
  }, [newest, reloadCounts, reloadSummary]);

  const title = counts.data && counts.data.byStatus.open > 0 ? `Alerts (${formatInt(counts.data.byStatus.open)} open)` : 'Alerts';
  useTitle(title);

  const open = (i: number) => {
    const a = rows[i];
    if (a) navigate(`/alerts/${a.id}`);
  };
  const [selected, setSelected] = useListSelection(
    rows.map((a) => a.id),
    open,
  );

  const bulk = async (change: TriageRequest) => {
    const ids = [...selection];
    if (ids.length === 0) return;
    setBusy(true);
    try {
      const r = await api.bulkTriage({ kind: 'alert', ids, ...change, ...byOperator() });
      setList((l) => ({ ...l, triage: { ...l.triage, ...r.triage } }));
      setSelection(new Set());
      counts.reload();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (id: string) =>
    setSelection((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allSelected = rows.length > 0 && rows.every((a) => selection.has(a.id));
  const detectors = summary.data?.byDetector.map((d) => d.detector) ?? [];
  const total = counts.data?.total;

  return (
    <div className="page">
      <div className="page-head">
        <h1>Alerts</h1>
      </div>

      <NowPanel />

      <section className="panel" aria-label="Alert feed">
        <StatusTabs value={filters.status} counts={counts.data?.byStatus} onChange={(status) => setFilters({ status })} />
        <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <label className="field grow">
            <span className="sr-only">Search alerts</span>
            <input type="search" placeholder="Search every stored alert: title, detector, address, tx hash…  ( / )" value={text} onChange={(e) => setText(e.target.value)} data-search data-testid="alert-search" />
          </label>
          <SeveritySelect value={filters.severity} onChange={(severity) => setFilters({ severity })} testId="alert-severity" />
          <label className="field inline">
            <span>Detector</span>
            <select value={filters.detector} onChange={(e) => setFilters({ detector: e.target.value })} data-testid="alert-detector">
              <option value="">all</option>
              {[...new Set([...detectors, ...(filters.detector ? [filters.detector] : [])])].sort().map((d) => (
                <option key={d} value={d}>
                  {detectorName(d)}
                </option>
              ))}
            </select>
          </label>
          <label className="field inline">
            <span>Chain</span>
            <input className="chain-input" inputMode="numeric" placeholder="any" value={filters.chain} onChange={(e) => setFilters({ chain: e.target.value.replace(/\D/g, '').slice(0, 10) })} data-testid="alert-chain" />
          </label>
          <span className="muted small count" aria-live="polite" data-testid="alert-count" data-total={total ?? ''} data-shown={rows.length}>
            {total !== undefined ? `${formatInt(rows.length)} of ${formatInt(Math.max(total, rows.length))} shown` : `${formatInt(rows.length)} shown`}
          </span>
        </form>

        <div className="bulk-bar" data-testid="bulk-bar" aria-label="Bulk actions">
          <label className="check">
            <input type="checkbox" checked={allSelected} onChange={() => setSelection(allSelected ? new Set() : new Set(rows.map((a) => a.id)))} aria-label="Select every alert shown" data-testid="select-all" />
            <span className="small muted">{selection.size > 0 ? `${selection.size} selected` : 'Select'}</span>
          </label>
          {selection.size > 0 ? (
            <>
              <button type="button" disabled={busy} onClick={() => void bulk({ status: 'acknowledged' })} data-testid="bulk-acknowledge">
                Acknowledge
              </button>
              <button type="button" disabled={busy} onClick={() => void bulk({ status: 'resolved' })} data-testid="bulk-resolve">
                Resolve
              </button>
              <button type="button" disabled={busy} onClick={() => void bulk({ status: 'open' })} data-testid="bulk-reopen">
                Reopen
              </button>
              <select
                value=""
                disabled={busy}
                aria-label="Mute the selected alerts"
                onChange={(e) => {
                  const c = MUTE_CHOICES[Number(e.target.value)];
                  if (c) void bulk(muteChange(c.ms));
                }}
              >
                <option value="">Mute for…</option>
                {MUTE_CHOICES.map((c, i) => (
                  <option key={c.label} value={i}>
                    {c.label}
                  </option>
                ))}
              </select>
              <form
                className="inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (assignTo.trim()) void bulk({ assignee: assignTo.trim() });
                }}
              >
                <input value={assignTo} onChange={(e) => setAssignTo(e.target.value)} placeholder="assignee" maxLength={100} aria-label="Assign the selected alerts to" data-testid="bulk-assignee" />
                <button type="submit" disabled={busy || !assignTo.trim()} data-testid="bulk-assign">
                  Assign
                </button>
              </form>
            </>
          ) : null}
        </div>

        {list.loading && rows.length === 0 ? <Loading what="alerts" /> : null}
        {list.error ? <LoadError error={list.error} what="alerts" /> : null}
        {!list.loading && !list.error && rows.length === 0 ? (
          <p className="notice muted" data-testid="feed-empty">
            {key === '/' ? 'No alerts yet. New ones appear here as the monitor raises them.' : 'No alert matches these filters.'} {key !== '/' ? <a href="#/">Clear the filters</a> : null}
          </p>
        ) : null}

        {/* additions only: the ticking ages must not be announced every second */}
        <ol className="feed" aria-live="polite" aria-relevant="additions" aria-label="Alerts, newest first">
          {rows.map((a, i) => {
            const f = a.finding;
            const arrivedAt = live.get(a.id)?.arrivedAt;
            const fresh = arrivedAt !== undefined && now - arrivedAt < HIGHLIGHT_MS;
            const triage = list.triage[a.id];
            const classes = ['feed-row', `edge-${f.severity}`, fresh ? 'fresh' : '', a.retractedAt ? 'retracted' : '', selected === i ? 'selected' : '', triage && triage.status !== 'open' ? `triaged status-${triage.status}` : ''].filter(Boolean).join(' ');
            return (
              <li
                key={a.id}
                className={classes}
                tabIndex={0}
                data-testid="alert-row"
                data-alert-id={a.id}
                data-severity={f.severity}
                data-status={triage?.status ?? 'open'}
                data-row-index={i}
                aria-label={`${f.severity}: ${f.title}, block ${a.blockNumber}${a.retractedAt ? ', retracted' : ''}${triage && triage.status !== 'open' ? `, ${triage.status}` : ''}`}
                onClick={() => navigate(`/alerts/${a.id}`)}
                onFocus={() => setSelected(i)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    navigate(`/alerts/${a.id}`);
                  } else if (e.key === 'x') {
                    e.preventDefault();
                    toggle(a.id);
                  }
                }}
              >
                <input
                  type="checkbox"
                  className="row-check"
                  checked={selection.has(a.id)}
                  aria-label={`Select ${f.title}`}
                  data-testid="alert-select"
                  onClick={(e) => e.stopPropagation()}
                  onChange={() => toggle(a.id)}
                />
                <SeverityBadge severity={f.severity} />
                <div className="feed-main">
                  <div className="feed-title">
                    <span className="title">{f.title}</span>
                    <StatusPill triage={triage} />
                    {a.retractedAt ? <span className="retract-note">retracted: {a.retractReason ?? 'reorg'}</span> : null}
                  </div>
                  <div className="feed-expl">{f.explanation}</div>
                </div>
                <span className="feed-detector" title={f.detector}>
                  {detectorName(f.detector)}
                </span>
                <span className="num feed-block" title="block">
                  #{a.blockNumber}
                </span>
                <time className="num feed-age" dateTime={a.createdAt} title={a.createdAt}>
                  {age(a.createdAt, now)}
                </time>
              </li>
            );
          })}
        </ol>
        {list.nextCursor ? (
          <div className="row-end more">
            <button type="button" disabled={list.loading} onClick={() => void loadOlder()} data-testid="load-older">
              {list.loading ? 'Loading…' : `Load ${formatInt(PAGE)} older`}
            </button>
          </div>
        ) : rows.length > 0 && !list.loading ? (
          <p className="muted small center" data-testid="feed-end">
            That is every alert these filters match.
          </p>
        ) : null}
      </section>

      <section className="charts-row" aria-label="Alert summary">
        <div className="panel chart-panel wide">
          <div className="chart-head">
            <h2 className="panel-title">Alerts over time</h2>
            <div className="range-picker" role="group" aria-label="Time range" data-testid="range-picker">
              {RANGES.map((r) => (
                <button
                  key={r}
                  type="button"
                  className={(filters.range || 'all') === r ? 'chip active' : 'chip'}
                  aria-pressed={(filters.range || 'all') === r}
                  onClick={() => setFilters({ range: r === 'all' ? '' : r })}
                  data-testid={`range-${r}`}
                >
                  {r}
                </button>
              ))}
            </div>
          </div>
          {summary.data ? <TimeSeries buckets={summary.data.overTimeByTime} /> : summary.error ? <LoadError error={summary.error} what="the summary" /> : <div className="chart-placeholder" />}
        </div>
        <div className="panel chart-panel">
          <h2 className="panel-title">By detector</h2>
          {summary.data ? (
            <Bars rows={summary.data.byDetector} onSelect={(d) => setFilters({ detector: filters.detector === d ? '' : d })} />
          ) : summary.error ? (
            <LoadError error={summary.error} what="the summary" />
          ) : (
            <div className="chart-placeholder" />
          )}
        </div>
      </section>

      <DemoScoreboard />
    </div>
  );
}

/** What needs attention now: open incidents by severity and the newest open critical and high alerts. */
function NowPanel() {
  const incidents = useAsync(() => api.incidents({ status: 'open', limit: 500 }), 'now:incidents');
  const critical = useAsync(() => api.alerts({ severity: 'critical', status: 'open', limit: 3 }), 'now:critical');
  useInterval(incidents.reload, 10_000);
  useInterval(critical.reload, 10_000);
  const bySeverity = new Map<Severity, number>();
  for (const i of incidents.data?.incidents ?? []) bySeverity.set(i.severity, (bySeverity.get(i.severity) ?? 0) + 1);
  const more = incidents.data?.nextCursor ? '+' : '';
  return (
    <section className="panel now" aria-label="Needs attention now" data-testid="now-panel">
      <div className="now-incidents">
        <h2 className="panel-title">
          <a href="#/incidents?status=open">Open incidents</a>
        </h2>
        <ul className="now-counts">
          {(['critical', 'high', 'medium'] as const).map((s) => (
            <li key={s} className={`now-count edge-${s}`} data-testid={`open-incidents-${s}`}>
              <a href={`#/incidents?status=open&severity=${s}`}>
                <span className="num big">{incidents.data ? `${bySeverity.get(s) ?? 0}${more}` : '…'}</span> <span className="muted small">{s}</span>
              </a>
            </li>
          ))}
        </ul>
      </div>
      <ValueAtRiskBox />
      <div className="now-critical">
        <h2 className="panel-title">
          <a href="#/?severity=critical&status=open">Newest open critical alerts</a>
        </h2>
        {critical.data && critical.data.alerts.length === 0 ? <p className="muted small">None open.</p> : null}
        <ul className="now-list">
          {critical.data?.alerts.map((a) => (
            <li key={a.id}>
              <a href={`#/alerts/${a.id}`}>{a.finding.title}</a> <span className="muted small">#{a.blockNumber}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

/**
 * What the open incidents put at stake (GET /incidents/value-at-risk): USD and ETH of what could be
 * priced, and, plainly, what could not (assets without a price or decimals, incidents with no amount).
 */
function ValueAtRiskBox() {
  const v = useAsync(() => api.valueAtRisk(), 'now:value-at-risk');
  useInterval(v.reload, 15_000);
  const d = v.data;
  const unpriced = d?.assets.filter((a) => a.usd === null) ?? [];
  return (
    <div className="now-var" data-testid="value-at-risk">
      <h2 className="panel-title">Value at risk</h2>
      {!d ? <p className="muted small">{v.error ? 'unavailable' : '…'}</p> : null}
      {d ? (
        <>
          <p>
            <span className="num big" data-testid="var-usd">
              {formatUsd(d.usd)}
            </span>{' '}
            <span className="muted small" data-testid="var-eth">
              {d.eth > 0 ? `incl. ${compact(d.eth)} ETH · ` : ''}
              {d.openIncidents}
              {d.more ? '+' : ''} open incident{d.openIncidents === 1 ? '' : 's'}
            </span>
          </p>
          {unpriced.length > 0 || d.withoutAmount > 0 ? (
            <p className="small warn-text" data-testid="var-unpriced">
              Not in the total:{' '}
              {unpriced
                .slice(0, 3)
                .map((a) => (a.amount !== null ? `${compact(a.amount)} ${a.symbol ?? `of token ${a.asset.slice(0, 10)}…`}` : `${a.raw} base units of ${a.symbol ?? a.asset.slice(0, 10) + '…'}`) + ' (no price)')
                .join('; ')}
              {unpriced.length > 3 ? `; and ${unpriced.length - 3} more assets without a price` : ''}
              {unpriced.length > 0 && d.withoutAmount > 0 ? '; ' : ''}
              {d.withoutAmount > 0 ? `${d.withoutAmount} incident${d.withoutAmount === 1 ? '' : 's'} with no recorded amount` : ''}.
            </p>
          ) : d.openIncidents > 0 ? (
            <p className="muted small">Every recorded amount is priced.</p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
