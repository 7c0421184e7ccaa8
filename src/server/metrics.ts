/**
 * A small Prometheus registry for `argus serve`: request counts and a latency histogram per route, and
 * counters the routes bump (alerts served, live clients). Text exposition format 0.0.4, no dependency.
 */

/** Latency buckets in seconds: a URL check takes microseconds, an audit up to seconds. */
export const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Labels = Record<string, string>;

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const keys = Object.keys(labels);
  return keys.length === 0 ? '' : `{${keys.map((k) => `${k}="${escapeLabel(labels[k] ?? '')}"`).join(',')}}`;
};

interface Histogram {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

export class Metrics {
  private readonly requests = new Map<string, { labels: Labels; value: number }>();
  private readonly latency = new Map<string, Histogram>();
  private readonly counters = new Map<string, { help: string; value: number }>();
  private readonly gauges = new Map<string, { help: string; value: () => number }>();

  /** Records one answered request; `route` is the route pattern (e.g. /api/v1/alerts/:id), never the raw URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    const key = labelText(labels);
    const r = this.requests.get(key) ?? { labels, value: 0 };
    r.value++;
    this.requests.set(key, r);
    const hLabels = { method, route };
    const hKey = labelText(hLabels);
    let h = this.latency.get(hKey);
    if (!h) {
      h = { labels: hLabels, counts: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.latency.set(hKey, h);
    }
    for (let i = 0; i < LATENCY_BUCKETS.length; i++) if (seconds <= (LATENCY_BUCKETS[i] ?? Infinity)) h.counts[i] = (h.counts[i] ?? 0) + 1;
    h.sum += seconds;
    h.count++;
  }

  /** Adds `by` to a plain counter (declared on first use). */
  inc(name: string, help: string, by = 1): void {
    const c = this.counters.get(name) ?? { help, value: 0 };
    c.value += by;
    this.counters.set(name, c);
  }

  /** A gauge read at scrape time. */
  gauge(name: string, help: string, value: () => number): void {
    this.gauges.set(name, { help, value });
  }

  counter(name: string): number {
    return this.counters.get(name)?.value ?? 0;
  }

  /** The exposition text. */
  render(): string {
    const out: string[] = [];
    out.push('# HELP argus_http_requests_total HTTP requests answered, by method, route and status.');
    out.push('# TYPE argus_http_requests_total counter');
    for (const r of this.requests.values()) out.push(`argus_http_requests_total${labelText(r.labels)} ${r.value}`);
    out.push('# HELP argus_http_request_duration_seconds Time to answer a request, by method and route.');
    out.push('# TYPE argus_http_request_duration_seconds histogram');
    for (const h of this.latency.values()) {
      LATENCY_BUCKETS.forEach((b, i) => out.push(`argus_http_request_duration_seconds_bucket${labelText({ ...h.labels, le: String(b) })} ${h.counts[i] ?? 0}`));
      out.push(`argus_http_request_duration_seconds_bucket${labelText({ ...h.labels, le: '+Inf' })} ${h.count}`);
      out.push(`argus_http_request_duration_seconds_sum${labelText(h.labels)} ${h.sum}`);
      out.push(`argus_http_request_duration_seconds_count${labelText(h.labels)} ${h.count}`);
    }
    for (const [name, c] of this.counters) out.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`, `${name} ${c.value}`);
    for (const [name, g] of this.gauges) out.push(`# HELP ${name} ${g.help}`, `# TYPE ${name} gauge`, `${name} ${g.value()}`);
    return out.join('\n') + '\n';
  }
}
