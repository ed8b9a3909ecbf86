import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop (fixed-rate) load for bench/http/load.sh, used because Debian's wrk has no -R (that is wrk2).
 * Requests are scheduled at a fixed rate whatever the server does, and each latency is measured from its
 * scheduled send time, so a stalled server or a client that falls behind shows up as latency (no coordinated
 * omission). The client first runs 3 s at the same rate unrecorded, so its own JIT and connection set-up are not
 * counted as server latency. Usage: java OpenLoop.java URL RATE SECONDS BODY_FILE [TOKEN]. Prints one JSON
 * object.
 */
public final class OpenLoop {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        byte[] body = Files.readAllBytes(Path.of(args[3]));
        String token = args.length > 4 ? args[4] : "";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = b.build();
        warmUp(client, request, rate, 3);

        int n = rate * seconds;
        long interval = 1_000_000_000L / rate;
        long[] latency = new long[n];
        Arrays.fill(latency, -1);
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(n);
        long start = System.nanoTime() + 100_000_000L;
        long maxLag = 0;
        for (int i = 0; i < n; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                maxLag = Math.max(maxLag, -wait);
            }
            int k = i;
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                if (e == null && r.statusCode() == 200) {
                    latency[k] = System.nanoTime() - intended;
                } else {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        long sendEnd = System.nanoTime();
        boolean all = done.await(30, TimeUnit.SECONDS);
        long[] ok = Arrays.stream(latency).filter(v -> v >= 0).sorted().toArray();
        double sendSeconds = (sendEnd - start) / 1e9;
        System.out.printf(Locale.ROOT, "{\"target_rps\": %d, \"sent\": %d, \"ok\": %d, \"errors\": %d,"
                + " \"unfinished\": %d, \"send_rps\": %.1f, \"max_send_lag_ms\": %.3f, \"p50_ms\": %s,"
                + " \"p99_ms\": %s, \"max_ms\": %s}%n", rate, n, ok.length, errors.get(),
                all ? 0 : done.getCount(), n / sendSeconds, maxLag / 1e6, pct(ok, 0.50), pct(ok, 0.99), pct(ok, 1.0));
        System.exit(0);
    }

    /** Sends at the target rate for {@code seconds} without recording anything, then waits for the answers. */
    private static void warmUp(HttpClient client, HttpRequest request, int rate, int seconds) throws Exception {
        int n = rate * seconds;
        long interval = 1_000_000_000L / rate;
        CountDownLatch done = new CountDownLatch(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> done.countDown());
        }
        done.await(30, TimeUnit.SECONDS);
    }

    /** The q-quantile in milliseconds as a JSON number, or null when nothing succeeded. */
    private static String pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return "null";
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return String.format(Locale.ROOT, "%.3f", sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6);
    }
}
