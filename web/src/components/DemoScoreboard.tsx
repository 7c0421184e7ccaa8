/**
 * The demo's scoreboard (only when the server runs `npm start`): the attacks the simulator ran, each
 * judged against the alerts by the simulator's ground truth, which the monitor never sees. It tells a
 * newcomer at a glance what Argus caught, how early, and what it missed.
 */
import { api } from '../api';
import { detectorName, formatInt } from '../format';
import { useAsync, useInterval } from '../hooks';
import { SeverityBadge } from './SeverityBadge';

const SHOWN = 6;

/** Shown only when the server says it runs the demo; nothing is polled otherwise. */
export function DemoScoreboard() {
  const info = useAsync(() => api.info(), 'info');
  return info.data?.demo ? <Scoreboard /> : null;
}

function Scoreboard() {
  const board = useAsync(() => api.demoAttacks(), 'demo-attacks');
  useInterval(board.reload, 4000);
  // The server is gone or restarting: the alert feed's banner says so; the last verdicts stay.
  if (!board.data) return null;
  const { summary, attacks } = board.data;
  return (
    <section className="panel scoreboard" aria-label="Simulated attacks" data-testid="demo-scoreboard">
      <h2 className="panel-title">
        Simulated attacks <span className="muted small">the demo's ground truth; the monitor never sees it</span>
      </h2>
      <div className="scoreboard-body">
        <div className="scoreboard-total">
          <div className="big" data-testid="demo-caught">
            {formatInt(summary.caught)} / {formatInt(summary.attacks)}
          </div>
          <div className="muted small">caught</div>
          <div className="muted small">{formatInt(summary.early)} before the exploit</div>
          {summary.pending > 0 ? <div className="muted small">{summary.pending} running</div> : null}
        </div>
        {attacks.length === 0 ? (
          <p className="muted">The first attack is under way; its verdict appears here once the monitor has seen its last block.</p>
        ) : (
          <ol className="verdicts">
            {attacks.slice(0, SHOWN).map((v) => (
              <li key={v.attackId} className={v.caught ? 'caught' : 'missed'}>
                <span className="verdict-mark" aria-label={v.caught ? 'caught' : 'missed'}>
                  {v.caught ? '✔' : '✘'}
                </span>
                <span className="verdict-what">
                  <strong>{v.attackId}</strong> <span className="muted small">{v.description}</span>
                </span>
                <span className="verdict-how small">
                  {v.caught ? `${v.alerts} alert${v.alerts === 1 ? '' : 's'} (${v.detectors.map(detectorName).join(', ')}), first ${v.timing}` : 'no alert named it'}
                </span>
                <span className="verdict-link">
                  {v.severity ? <SeverityBadge severity={v.severity} /> : null}
                  {v.incidentId ? <a href={`#/incidents/${encodeURIComponent(v.incidentId)}`}>incident</a> : null}
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
