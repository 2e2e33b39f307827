import type { FastifyInstance } from "fastify";
import { collectDefaultMetrics, type Metric, Registry } from "prom-client";

const DURATION = "gatehouse_http_request_duration_seconds";
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] as const;

/** One method + route + status: how many requests fell at or under each bucket's bound (not cumulative). */
type Series = { labels: { method: string; route: string; status: string }; counts: number[]; sum: number };

/**
 * A registry per app (tests build many apps in one process), with process metrics and request timings.
 *
 * Request timings are a Prometheus histogram kept by hand: prom-client's `observe` validates and hashes
 * its label object on every call, which on the decision API (tens of thousands of requests a second)
 * cost more than deciding. Here a request costs three map lookups by keys whose hashes V8 already
 * holds (the route as registered, the method, the status code; no label string is built) and two
 * additions; the registry turns the counts into the histogram's text format when it is scraped.
 */
export function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "gatehouse_" });
  const series: Series[] = [];
  const byRoute = new Map<string, Map<string, Map<number, Series>>>();
  app.addHook("onResponse", (request, reply, done) => {
    const route = request.routeOptions.url ?? "unmatched";
    const { method } = request;
    const status = reply.statusCode;
    let byMethod = byRoute.get(route);
    if (byMethod === undefined) {
      byMethod = new Map();
      byRoute.set(route, byMethod);
    }
    let byStatus = byMethod.get(method);
    if (byStatus === undefined) {
      byStatus = new Map();
      byMethod.set(method, byStatus);
    }
    let s = byStatus.get(status);
    if (s === undefined) {
      s = {
        labels: { method, route, status: String(status) },
        counts: new Array<number>(BUCKETS.length + 1).fill(0),
        sum: 0,
      };
      byStatus.set(status, s);
      series.push(s);
    }
    const seconds = reply.elapsedTime / 1000;
    let bucket = 0;
    while (bucket < BUCKETS.length && seconds > (BUCKETS[bucket] as number)) bucket++;
    s.counts[bucket] = (s.counts[bucket] ?? 0) + 1;
    s.sum += seconds;
    done();
  });
  registry.registerMetric(durationMetric(series));
  return registry;
}

type Sample = { metricName: string; labels: Record<string, string | number>; value: number };

/**
 * What the registry reads of a metric when it is scraped: its name, help, type and samples. prom-client's
 * typings only name its own metric classes, hence the one cast.
 */
function durationMetric(series: readonly Series[]): Metric {
  const samples = (): Sample[] => {
    const values: Sample[] = [];
    for (const s of series) {
      let cumulative = 0;
      BUCKETS.forEach((le, i) => {
        cumulative += s.counts[i] ?? 0;
        values.push({ metricName: `${DURATION}_bucket`, labels: { le, ...s.labels }, value: cumulative });
      });
      cumulative += s.counts[BUCKETS.length] ?? 0;
      values.push({
        metricName: `${DURATION}_bucket`,
        labels: { le: "+Inf", ...s.labels },
        value: cumulative,
      });
      values.push({ metricName: `${DURATION}_sum`, labels: s.labels, value: s.sum });
      values.push({ metricName: `${DURATION}_count`, labels: s.labels, value: cumulative });
    }
    return values;
  };
  const metric = {
    name: DURATION,
    help: "HTTP request duration by route and status",
    type: "histogram",
    aggregator: "sum",
    get: async () => ({
      name: DURATION,
      help: metric.help,
      type: "histogram",
      aggregator: "sum",
      values: samples(),
    }),
    reset: () => {},
  };
  return metric as unknown as Metric;
}
