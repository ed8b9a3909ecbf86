package io.rubrique.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConcurrencyTest {
    private static final String[] WORDS = {"police", "internet", "congrès", "parti", "visite", "coopération",
        "sécurité", "données", "le", "la", "Vietnam", "Hanoï", "numérique", "cyber", "bilatéral", "et"};

    @TempDir
    Path tmp;

    @Test
    void sixtyFourConcurrentClientsGetExactlyTheSequentialAnswers() throws Exception {
        try (TestApi api = TestApi.start(FakeTagger.writeModel(tmp.resolve("m"), "fake", "9".repeat(64), 5))) {
            Random random = new Random(42);
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                bodies.add(i % 4 == 3 ? batchBody(random) : classifyBody(random));
            }
            List<String> expected = new ArrayList<>();
            for (String b : bodies) {
                HttpResponse<String> r = api.post(path(b), b);
                assertEquals(200, r.statusCode(), r.body());
                expected.add(r.body());
            }

            int clients = 64;
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                long seed = c;
                futures.add(pool.submit(() -> {
                    HttpClient client = HttpClient.newHttpClient();
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < bodies.size(); i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, new Random(seed));
                    String[] got = new String[bodies.size()];
                    go.await();
                    for (int i : order) {
                        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                                + path(bodies.get(i)))).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build();
                        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                        got[i] = r.statusCode() + " " + r.body();
                    }
                    return List.of(got);
                }));
            }
            go.countDown();
            for (Future<List<String>> f : futures) {
                List<String> got = f.get(60, TimeUnit.SECONDS);
                for (int i = 0; i < bodies.size(); i++) {
                    assertEquals("200 " + expected.get(i), got.get(i), bodies.get(i));
                }
            }
            pool.shutdown();
        }
    }

    private static String path(String body) {
        return body.startsWith("{\"items\"") ? "/v1/classify/batch" : "/v1/classify";
    }

    private static String classifyBody(Random r) {
        return "{\"title\":\"" + words(r, 3) + "\",\"text\":\"" + words(r, 12) + "\"}";
    }

    private static String batchBody(Random r) {
        StringBuilder sb = new StringBuilder("{\"items\":[");
        int n = 1 + r.nextInt(20);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":\"i").append(i).append("\",\"text\":\"")
                    .append(words(r, 10)).append("\"}");
        }
        return sb.append("]}").toString();
    }

    private static String words(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }
}
