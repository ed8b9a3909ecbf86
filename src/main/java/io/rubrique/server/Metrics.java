package io.rubrique.server;

import io.rubrique.server.ServedModel.ModelRef;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Request counters and latency histograms in the Prometheus text format 0.0.4. Hand-rolled on {@link LongAdder}
 * (contention-free increments from Jetty's threads); label values are route templates, never raw paths, so the
 * number of series stays bounded.
 */
public final class Metrics {
    /** Histogram upper bounds in seconds, 100 µs to 1 s. */
    static final double[] BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1.0};

    private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final LongAdder reloadsOk = new LongAdder();
    private final LongAdder reloadsFailed = new LongAdder();
    private final Supplier<ModelRef> model;

    public Metrics(Supplier<ModelRef> model) {
        this.model = model;
    }

    /** Records one finished request. */
    public void observe(String route, String method, int status, long nanos) {
        requests.computeIfAbsent(new RequestKey(route, method, status), k -> new LongAdder()).increment();
        latency.computeIfAbsent(route, r -> new Histogram()).observe(nanos);
    }

    public void reloaded(boolean ok) {
        (ok ? reloadsOk : reloadsFailed).increment();
    }

    /** The exposition text; each histogram is read once so its buckets, sum and count agree. */
    public String render() {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("# HELP rubrique_http_requests_total HTTP requests by route, method and status.\n");
        sb.append("# TYPE rubrique_http_requests_total counter\n");
        new TreeMap<>(requests).forEach((k, v) -> sb.append("rubrique_http_requests_total{route=\"")
                .append(escape(k.route)).append("\",method=\"").append(escape(k.method)).append("\",status=\"")
                .append(k.status).append("\"} ").append(v.sum()).append('\n'));

        sb.append("# HELP rubrique_http_request_duration_seconds Time to handle a request, by route.\n");
        sb.append("# TYPE rubrique_http_request_duration_seconds histogram\n");
        new TreeMap<>(latency).forEach((route, h) -> h.render(sb, escape(route)));

        sb.append("# HELP rubrique_model_reloads_total Model reloads by result.\n");
        sb.append("# TYPE rubrique_model_reloads_total counter\n");
        sb.append("rubrique_model_reloads_total{result=\"ok\"} ").append(reloadsOk.sum()).append('\n');
        sb.append("rubrique_model_reloads_total{result=\"failed\"} ").append(reloadsFailed.sum()).append('\n');

        ModelRef m = model.get();
        sb.append("# HELP rubrique_model_info The model being served (value is always 1).\n");
        sb.append("# TYPE rubrique_model_info gauge\n");
        sb.append("rubrique_model_info{name=\"").append(escape(m.name())).append("\",sha256=\"")
                .append(escape(m.sha256())).append("\"} 1\n");
        return sb.toString();
    }

    static String escape(String v) {
        if (v == null) {
            return "";
        }
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private record RequestKey(String route, String method, int status) implements Comparable<RequestKey> {
        @Override
        public int compareTo(RequestKey o) {
            int c = route.compareTo(o.route);
            if (c == 0) {
                c = method.compareTo(o.method);
            }
            return c != 0 ? c : Integer.compare(status, o.status);
        }
    }

    /** Non-cumulative bucket counts (the last is +Inf), made cumulative when rendered. */
    private static final class Histogram {
        private final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
        private final LongAdder sumNanos = new LongAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(long nanos) {
            double seconds = nanos / 1e9;
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) {
                i++;
            }
            counts[i].increment();
            sumNanos.add(nanos);
        }

        void render(StringBuilder sb, String route) {
            long cumulative = 0;
            for (int i = 0; i < counts.length; i++) {
                cumulative += counts[i].sum();
                String le = i < BUCKETS.length ? formatLe(BUCKETS[i]) : "+Inf";
                sb.append("rubrique_http_request_duration_seconds_bucket{route=\"").append(route)
                        .append("\",le=\"").append(le).append("\"} ").append(cumulative).append('\n');
            }
            sb.append("rubrique_http_request_duration_seconds_sum{route=\"").append(route).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.9f", sumNanos.sum() / 1e9)).append('\n');
            sb.append("rubrique_http_request_duration_seconds_count{route=\"").append(route).append("\"} ")
                    .append(cumulative).append('\n');
        }

        private static String formatLe(double v) {
            return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
    }
}
