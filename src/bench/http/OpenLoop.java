import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop (fixed-rate) load for bench/http/load.sh, used because Debian's wrk has no -R (that is wrk2).
 * Requests are scheduled at a fixed rate whatever the server does, and each latency is measured from its
 * scheduled send time, so a stalled server or a client that falls behind shows up as latency (no coordinated
 * omission).
 *
 * <p>One thread and one selector over a pool of keep-alive HTTP/1.1 connections, one request in flight per
 * connection, the request bytes built once: an earlier version on java.net.http.HttpClient fell up to 100 ms
 * behind its own schedule at 1,000 requests/s on one core, and that lag was counted as server latency. A request
 * due while every connection is busy waits for the first free one (its wait counts). The client first runs 3 s at
 * the same rate unrecorded, so its own JIT and connection set-up are not counted. Usage:
 * {@code java OpenLoop.java URL RATE SECONDS BODY_FILE [TOKEN] [CONNECTIONS]}. Prints one JSON object. A BODY_FILE
 * ending in {@code .jsonl} holds one body per line: the measured requests take them in turn (distinct texts, e.g.
 * not yet in the server's embedding cache), the warm-up repeats the last one.
 */
public final class OpenLoop {
    /** One keep-alive connection and the response it is reading. */
    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        long intended = -1;
        int slot = -1;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }

        boolean busy() {
            return intended >= 0;
        }
    }

    private final InetSocketAddress address;
    private final ByteBuffer[] requests;
    /** Whether the run under way is the warm-up (it repeats the last request). */
    private boolean warmUp;
    private final Selector selector;
    private final ArrayDeque<Conn> idle = new ArrayDeque<>();
    private long errors;
    private long maxLag;

    private OpenLoop(InetSocketAddress address, byte[][] requests, int connections) throws IOException {
        this.address = address;
        this.requests = new ByteBuffer[requests.length];
        for (int i = 0; i < requests.length; i++) {
            this.requests[i] = ByteBuffer.wrap(requests[i]).asReadOnlyBuffer();
        }
        this.selector = Selector.open();
        for (int i = 0; i < connections; i++) {
            idle.add(open());
        }
    }

    private Conn open() throws IOException {
        SocketChannel ch = SocketChannel.open(address);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.configureBlocking(false);
        Conn c = new Conn(ch);
        ch.register(selector, SelectionKey.OP_READ, c);
        return c;
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        List<byte[]> bodies = new ArrayList<>();
        if (args[3].endsWith(".jsonl")) {
            for (String line : Files.readAllLines(Path.of(args[3]))) {
                if (!line.isBlank()) {
                    bodies.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        } else {
            bodies.add(Files.readAllBytes(Path.of(args[3])));
        }
        String token = args.length > 4 ? args[4] : "";
        int connections = args.length > 5 ? Integer.parseInt(args[5]) : 64;
        byte[][] req = new byte[bodies.size()][];
        for (int i = 0; i < req.length; i++) {
            byte[] body = bodies.get(i);
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                    + (token.isEmpty() ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            req[i] = Arrays.copyOf(h, h.length + body.length);
            System.arraycopy(body, 0, req[i], h.length, body.length);
        }
        OpenLoop client = new OpenLoop(new InetSocketAddress(uri.getHost(), uri.getPort()), req, connections);

        client.warmUp = true;
        client.run(rate, 3, null);
        client.warmUp = false;
        client.errors = 0;
        client.maxLag = 0;
        int n = rate * seconds;
        long[] latency = new long[n];
        Arrays.fill(latency, -1);
        long t0 = System.nanoTime();
        client.run(rate, seconds, latency);
        double sendSeconds = (System.nanoTime() - t0) / 1e9;
        double elapsedSeconds = sendSeconds;
        long[] ok = Arrays.stream(latency).filter(v -> v >= 0).sorted().toArray();
        long unfinished = n - ok.length - client.errors;
        System.out.printf(Locale.ROOT, "{\"target_rps\": %d, \"sent\": %d, \"ok\": %d, \"errors\": %d,"
                + " \"unfinished\": %d, \"send_rps\": %.1f, \"max_send_lag_ms\": %.3f, \"p50_ms\": %s,"
                + " \"p99_ms\": %s, \"max_ms\": %s, \"done_per_s\": %.1f, \"bodies\": %d,"
                + " \"client\": \"nio, %d connections\"}%n", rate, n, ok.length, client.errors, unfinished,
                n / sendSeconds, client.maxLag / 1e6, pct(ok, 0.50), pct(ok, 0.99), pct(ok, 1.0),
                ok.length / elapsedSeconds, req.length, connections);
        System.exit(0);
    }

    /**
     * Sends {@code rate × seconds} requests on schedule and waits (up to 30 s) for their answers; records each
     * latency in {@code latency} when given. maxLag is how late a request went out behind its scheduled time.
     */
    private void run(int rate, int seconds, long[] latency) throws IOException {
        int n = rate * seconds;
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        ArrayDeque<long[]> waiting = new ArrayDeque<>(); // {slot, intended} due while every connection was busy
        int next = 0;
        int done = 0;
        long deadline = start + (long) seconds * 1_000_000_000L + 30_000_000_000L;
        while (done < n && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            while (next < n && start + next * interval <= now) {
                waiting.add(new long[] {next, start + next * interval});
                next++;
            }
            while (!waiting.isEmpty() && !idle.isEmpty()) {
                long[] w = waiting.poll();
                send(idle.poll(), (int) w[0], w[1]);
            }
            long wait = next < n ? start + next * interval - System.nanoTime() : 1_000_000L;
            int ready = wait > 2_000_000L ? selector.select(Math.max(1, wait / 1_000_000L - 1)) : selector.selectNow();
            if (ready == 0 && wait > 0 && wait <= 2_000_000L) {
                LockSupport.parkNanos(Math.min(wait, 50_000L));
            }
            for (var it = selector.selectedKeys().iterator(); it.hasNext();) {
                SelectionKey k = it.next();
                it.remove();
                Conn c = (Conn) k.attachment();
                int status = read(c);
                if (status == 0) {
                    continue;
                }
                long end = System.nanoTime();
                if (status == 200 && latency != null) {
                    latency[c.slot] = end - c.intended;
                } else if (status != 200) {
                    errors++;
                }
                done++;
                c.intended = -1;
                c.in.clear();
                if (status < 0) {
                    k.cancel();
                    c.channel.close();
                    idle.add(open());
                } else {
                    idle.add(c);
                }
            }
        }
    }

    private void send(Conn c, int slot, long intended) throws IOException {
        maxLag = Math.max(maxLag, System.nanoTime() - intended);
        c.slot = slot;
        c.intended = intended;
        ByteBuffer b = (warmUp ? requests[requests.length - 1] : requests[slot % requests.length]).duplicate();
        while (b.hasRemaining()) {
            c.channel.write(b); // a small request into an empty socket buffer: one write in practice
        }
    }

    /**
     * Reads what arrived; returns the status once a whole response is in (Content-Length or chunked), 0 while it
     * is incomplete, -1 if the server closed the connection.
     */
    private static int read(Conn c) throws IOException {
        int got = c.channel.read(c.in);
        if (got < 0) {
            return -1;
        }
        if (!c.busy()) {
            c.in.clear(); // nothing asked: ignore
            return 0;
        }
        byte[] a = c.in.array();
        int len = c.in.position();
        int headerEnd = indexOf(a, len, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (headerEnd < 0) {
            return 0;
        }
        String headers = new String(a, 0, headerEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int status = Integer.parseInt(headers.substring(9, 12));
        int bodyStart = headerEnd + 4;
        int cl = headers.indexOf("\r\ncontent-length:");
        if (cl >= 0) {
            int eol = headers.indexOf("\r\n", cl + 2);
            int length = Integer.parseInt(headers.substring(cl + 17, eol < 0 ? headers.length() : eol).trim());
            return len - bodyStart >= length ? status : 0;
        }
        if (headers.contains("\r\ntransfer-encoding: chunked")) {
            byte[] last = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            return len - bodyStart >= last.length && indexOf(Arrays.copyOfRange(a, len - last.length, len),
                    last.length, last) == 0 ? status : 0;
        }
        return status; // no body
    }

    private static int indexOf(byte[] a, int len, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= len; i++) {
            for (int k = 0; k < what.length; k++) {
                if (a[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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
