// A small Prometheus registry: counters, gauges and histograms rendered in the text format
// (version 0.0.4). Enough for the service; no global state, so tests get their own.

type Labels = Record<string, string>;

interface Series {
  labels: Labels;
  value: number;
}

interface HistogramSeries {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

const escapeLabel = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function labelText(labels: Labels, extra: Labels = {}): string {
  const all = { ...labels, ...extra };
  const parts = Object.entries(all).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
}

const keyOf = (labels: Labels) => JSON.stringify(Object.entries(labels).sort());

export class MetricsRegistry {
  readonly #help = new Map<string, { type: 'counter' | 'gauge' | 'histogram'; help: string }>();
  readonly #series = new Map<string, Map<string, Series>>();
  readonly #histograms = new Map<
    string,
    { buckets: number[]; series: Map<string, HistogramSeries> }
  >();
  readonly #collectors: Array<() => void> = [];

  counter(name: string, help: string): (labels?: Labels, by?: number) => void {
    this.#help.set(name, { type: 'counter', help });
    this.#series.set(name, new Map());
    return (labels = {}, by = 1) => this.#add(name, labels, by);
  }

  gauge(name: string, help: string): (value: number, labels?: Labels) => void {
    this.#help.set(name, { type: 'gauge', help });
    this.#series.set(name, new Map());
    return (value, labels = {}) => {
      this.#series.get(name)?.set(keyOf(labels), { labels, value });
    };
  }

  histogram(
    name: string,
    help: string,
    buckets: number[],
  ): (value: number, labels?: Labels) => void {
    this.#help.set(name, { type: 'histogram', help });
    const sorted = [...buckets].sort((a, b) => a - b);
    const series = new Map<string, HistogramSeries>();
    this.#histograms.set(name, { buckets: sorted, series });
    return (value, labels = {}) => {
      const key = keyOf(labels);
      let s = series.get(key);
      if (!s) {
        s = { labels, counts: sorted.map(() => 0), sum: 0, count: 0 };
        series.set(key, s);
      }
      sorted.forEach((bound, i) => {
        if (value <= bound && s) s.counts[i] = (s.counts[i] ?? 0) + 1;
      });
      s.sum += value;
      s.count++;
    };
  }

  /** Called before each render, to sample gauges (memory, queue lengths). */
  onCollect(collect: () => void): void {
    this.#collectors.push(collect);
  }

  #add(name: string, labels: Labels, by: number): void {
    const map = this.#series.get(name);
    if (!map) return;
    const key = keyOf(labels);
    const current = map.get(key);
    if (current) current.value += by;
    else map.set(key, { labels, value: by });
  }

  render(): string {
    for (const collect of this.#collectors) collect();
    const lines: string[] = [];
    for (const [name, { type, help }] of this.#help) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      if (type === 'histogram') {
        const h = this.#histograms.get(name);
        for (const s of h?.series.values() ?? []) {
          h?.buckets.forEach((bound, i) => {
            lines.push(
              `${name}_bucket${labelText(s.labels, { le: String(bound) })} ${s.counts[i]}`,
            );
          });
          lines.push(`${name}_bucket${labelText(s.labels, { le: '+Inf' })} ${s.count}`);
          lines.push(
            `${name}_sum${labelText(s.labels)} ${s.sum}`,
            `${name}_count${labelText(s.labels)} ${s.count}`,
          );
        }
        continue;
      }
      for (const s of this.#series.get(name)?.values() ?? []) {
        lines.push(`${name}${labelText(s.labels)} ${s.value}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
