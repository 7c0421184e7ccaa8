/**
 * Home: the live alert feed with its two summary charts. Filtering is client-side over the loaded set
 * (up to 1000 alerts), which keeps typing in the search box instant.
 */
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api';
import { Bars } from '../charts/Bars';
import { TimeSeries } from '../charts/TimeSeries';
import { DemoScoreboard } from '../components/DemoScoreboard';
import { LoadError, Loading } from '../components/Notice';
import { SeverityBadge } from '../components/SeverityBadge';
import { SeveritySelect } from '../components/SeveritySelect';
import { age, detectorName, formatInt } from '../format';
import { useAsync, useInterval, useNow, useTitle } from '../hooks';
import { useListSelection } from '../keyboard';
import { useFeed, type FeedItem } from '../live';
import { navigate } from '../router';
import type { Severity } from '@argus/api';

const SUMMARY_REFRESH_MS = 5000;
/** Rows rendered at first; more on request, so a large feed does not slow every second's age update. */
const PAGE_ROWS = 200;
const HIGHLIGHT_MS = 4000;

function matches(item: FeedItem, severity: Severity | '', detector: string, text: string): boolean {
  const f = item.alert.finding;
  if (severity && f.severity !== severity) return false;
  if (detector && f.detector !== detector) return false;
  if (!text) return true;
  const haystack = `${f.title} ${f.detector} ${f.explanation} ${item.alert.txHash ?? ''} ${item.alert.blockNumber} ${f.tags.join(' ')}`.toLowerCase();
  return text
    .toLowerCase()
    .split(/\s+/)
    .every((word) => haystack.includes(word));
}

export function AlertsPage() {
  useTitle('Alerts');
  const feed = useFeed();
  const now = useNow(1000);
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [detector, setDetector] = useState('');
  const [text, setText] = useState('');
  const [limit, setLimit] = useState(PAGE_ROWS);
  const summary = useAsync(() => api.summary(), 'summary');
  useInterval(summary.reload, SUMMARY_REFRESH_MS);
  // New alerts refresh the charts too, a second after the last one, so the charts move with the feed.
  const newest = feed.items[0]?.alert.id;
  const reloadSummary = summary.reload;
  useEffect(() => {
    if (newest === undefined) return;
    const t = setTimeout(reloadSummary, 1000);
    return () => clearTimeout(t);
  }, [newest, reloadSummary]);

  const detectors = useMemo(() => [...new Set(feed.items.map((i) => i.alert.finding.detector))].sort(), [feed.items]);
  const matching = useMemo(() => feed.items.filter((i) => matches(i, severity, detector, text.trim())), [feed.items, severity, detector, text]);
  const shown = matching.slice(0, limit);
  const open = (i: number) => {
    const item = shown[i];
    if (item) navigate(`/alerts/${item.alert.id}`);
  };
  const [selected, setSelected] = useListSelection(
    shown.map((i) => i.alert.id),
    open,
  );

  return (
    <div className="page">
      <div className="page-head">
        <h1>Alerts</h1>
        <p className="muted">
          {summary.data ? `${formatInt(summary.data.total)} alerts stored` : ''}
        </p>
      </div>

      <DemoScoreboard />

      <section className="charts-row" aria-label="Alert summary">
        <div className="panel chart-panel wide">
          <h2 className="panel-title">Alerts over time</h2>
          {summary.data ? <TimeSeries buckets={summary.data.overTime} /> : summary.error ? <LoadError error={summary.error} what="the summary" /> : <div className="chart-placeholder" />}
        </div>
        <div className="panel chart-panel">
          <h2 className="panel-title">By detector</h2>
          {summary.data ? (
            <Bars rows={summary.data.byDetector} onSelect={(d) => setDetector((cur) => (cur === d ? '' : d))} />
          ) : summary.error ? (
            <LoadError error={summary.error} what="the summary" />
          ) : (
            <div className="chart-placeholder" />
          )}
        </div>
      </section>

      <section className="panel" aria-label="Alert feed">
        <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <label className="field grow">
            <span className="sr-only">Search alerts</span>
            <input type="search" placeholder="Search title, detector, tx hash, block…  ( / )" value={text} onChange={(e) => setText(e.target.value)} data-search />
          </label>
          <SeveritySelect value={severity} onChange={setSeverity} />
          <label className="field inline">
            <span>Detector</span>
            <select value={detector} onChange={(e) => setDetector(e.target.value)}>
              <option value="">all</option>
              {detectors.map((d) => (
                <option key={d} value={d}>
                  {detectorName(d)}
                </option>
              ))}
            </select>
          </label>
          <span className="muted small count" aria-live="polite">
            {matching.length > shown.length ? `${formatInt(shown.length)} of ${formatInt(matching.length)}` : `${formatInt(matching.length)} shown`}
          </span>
        </form>

        {!feed.loaded ? <Loading what="alerts" /> : null}
        {feed.error && feed.items.length === 0 ? <LoadError error={new Error(feed.error)} what="alerts" /> : null}
        {feed.loaded && !feed.error && feed.items.length === 0 ? <p className="notice muted">No alerts yet. New ones appear here as the monitor raises them.</p> : null}

        {/* additions only: the ticking ages must not be announced every second */}
        <ol className="feed" aria-live="polite" aria-relevant="additions" aria-label="Alerts, newest first">
          {shown.map((item, i) => {
            const a = item.alert;
            const f = a.finding;
            const fresh = item.arrivedAt !== undefined && now - item.arrivedAt < HIGHLIGHT_MS;
            const classes = ['feed-row', `edge-${f.severity}`, fresh ? 'fresh' : '', a.retractedAt ? 'retracted' : '', selected === i ? 'selected' : ''].filter(Boolean).join(' ');
            return (
              <li
                key={a.id}
                className={classes}
                tabIndex={0}
                data-testid="alert-row"
                data-alert-id={a.id}
                data-severity={f.severity}
                data-row-index={i}
                aria-label={`${f.severity}: ${f.title}, block ${a.blockNumber}${a.retractedAt ? ', retracted' : ''}`}
                onClick={() => navigate(`/alerts/${a.id}`)}
                onFocus={() => setSelected(i)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    navigate(`/alerts/${a.id}`);
                  }
                }}
              >
                <SeverityBadge severity={f.severity} />
                <div className="feed-main">
                  <div className="feed-title">
                    <span className="title">{f.title}</span>
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
        {matching.length > shown.length ? (
          <div className="row-end more">
            <button type="button" onClick={() => setLimit((l) => l + PAGE_ROWS)}>
              Show {formatInt(Math.min(PAGE_ROWS, matching.length - shown.length))} more
            </button>
          </div>
        ) : null}
      </section>
    </div>
  );
}
