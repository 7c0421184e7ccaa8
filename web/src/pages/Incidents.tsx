/** Incidents: related alerts the monitor grouped into one attack, newest first. */
import { api } from '../api';
import { LoadError, Loading } from '../components/Notice';
import { SeverityBadge } from '../components/SeverityBadge';
import { percent } from '../format';
import { useAsync, useInterval, useTitle } from '../hooks';
import { useListSelection } from '../keyboard';
import { navigate } from '../router';
import { STAGES } from '../types';

export function IncidentsPage() {
  useTitle('Incidents');
  const list = useAsync(() => api.incidents(200), 'incidents');
  // Incidents grow as alerts arrive; a slow refresh keeps the list current without a stream.
  useInterval(list.reload, 10_000);
  const incidents = list.data?.incidents ?? [];
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
      {list.loading && !list.data ? <Loading what="incidents" /> : null}
      {list.error ? <LoadError error={list.error} what="incidents" /> : null}
      {list.data && incidents.length === 0 ? <p className="notice muted">No incidents yet.</p> : null}
      {incidents.length > 0 ? (
        <div className="panel flush">
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
                    <div className="title">{inc.title}</div>
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
        </div>
      ) : null}
    </div>
  );
}
