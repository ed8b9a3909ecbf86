package io.rubrique.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerSecurityTest {
    private static final String TOKEN = "s3cret-token";
    @TempDir
    Path tmp;

    private Path model() throws Exception {
        return FakeTagger.writeModel(tmp.resolve("m"), "fake", "d".repeat(64), 0);
    }

    @Test
    void nonLoopbackBindingRequiresTheTokenOnEveryRouteButHealth() throws Exception {
        ServerOptions options = ServerOptions.loopback(0).withHost("0.0.0.0").withToken(TOKEN);
        try (TestApi api = TestApi.start(options, model())) {
            for (String path : new String[] {"/v1/model", "/metrics", "/openapi.json", "/no/such/route"}) {
                HttpResponse<String> r = api.get(path);
                assertEquals(401, r.statusCode(), path);
                assertEquals("unauthorized", TestApi.errorCode(r));
                assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
            }
            assertEquals(401, api.post("/v1/classify", "{\"text\":\"a\"}").statusCode());
            assertEquals(200, api.get("/health").statusCode());

            api.withToken("s3cret-tokeN");
            assertEquals(401, api.get("/v1/model").statusCode());
            api.withToken(TOKEN);
            HttpResponse<String> ok = api.get("/v1/model");
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals(200, api.post("/v1/classify", "{\"text\":\"a\"}").statusCode());
        }
    }

    @Test
    void serverRefusesToStartBeyondLoopbackWithoutToken() throws Exception {
        ModelHolder models = ModelHolder.load(FakeTagger.loader(), model());
        RubriqueServer server = new RubriqueServer(ServerOptions.loopback(0).withHost("0.0.0.0"), models);
        IllegalStateException e = assertThrows(IllegalStateException.class, server::start);
        assertTrue(e.getMessage().contains("0.0.0.0"), e.getMessage());
    }

    @Test
    void serveCommandExitsWith2BeyondLoopbackWithoutToken() throws Exception {
        String unset = "RUBRIQUE_TEST_TOKEN_NEVER_SET";
        Assumptions.assumeTrue(System.getenv(unset) == null);
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("serve", "--host", "0.0.0.0", "--port", "0", "--token-env", unset,
                "--model", model().toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains(unset), err.toString());
        assertTrue(err.toString().contains("refusing to serve on non-loopback address 0.0.0.0"), err.toString());
    }

    @Test
    void aBlankTokenVariableIsRefusedAtStartWithExit2() throws Exception {
        for (String blank : new String[] {" ", "", "\t\n"}) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Xmx128m", Main.class.getName(), "serve",
                    "--port", "0", "--model", model().toString());
            pb.environment().put("RUBRIQUE_TOKEN", blank);
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            try {
                String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "serve did not exit");
                assertEquals(2, p.exitValue(), err);
                assertTrue(err.contains("RUBRIQUE_TOKEN is set but blank"), err);
                assertFalse(err.contains("listening"), err);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aTokenWithSurroundingWhiteSpaceIsTrimmed() throws Exception {
        assertEquals(TOKEN, ServerOptions.loopback(0).withToken("  " + TOKEN + " \n").token());
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.loopback(0).withToken(" \t"));
        try (TestApi api = TestApi.start(ServerOptions.loopback(0).withToken(" " + TOKEN + "\n"), model())) {
            assertEquals(401, api.get("/v1/model").statusCode());
            api.withToken(TOKEN);
            assertEquals(200, api.get("/v1/model").statusCode());
        }
    }

    @Test
    void loopbackWithoutTokenIsOpenButReloadIsDisabled() throws Exception {
        try (TestApi api = TestApi.start(model())) {
            assertEquals(200, api.get("/v1/model").statusCode());
            HttpResponse<String> r = api.post("/v1/admin/reload", "{}");
            assertEquals(403, r.statusCode());
            assertEquals("reload_disabled", TestApi.errorCode(r));
            assertTrue(TestApi.errorMessage(r).contains("RUBRIQUE_TOKEN"));
        }
    }

    @Test
    void loopbackWithTokenEnforcesItAndReloadNeedsIt() throws Exception {
        try (TestApi api = TestApi.start(ServerOptions.loopback(0).withToken(TOKEN), model())) {
            assertEquals(401, api.get("/v1/model").statusCode());
            assertEquals(401, api.post("/v1/admin/reload", "{}").statusCode());
            assertEquals(200, api.get("/health").statusCode());
            api.withToken(TOKEN);
            assertEquals(200, api.post("/v1/admin/reload", "{}").statusCode());
        }
    }

    @Test
    void bearerAuthAcceptsOnlyTheExactToken() {
        BearerAuth auth = new BearerAuth(TOKEN);
        assertTrue(auth.accepts("Bearer " + TOKEN));
        assertTrue(auth.accepts("bearer " + TOKEN));
        assertEquals(false, auth.accepts(TOKEN));
        assertEquals(false, auth.accepts("Bearer " + TOKEN + "x"));
        assertEquals(false, auth.accepts("Bearer "));
        assertEquals(false, auth.accepts(null));
        assertEquals(false, new BearerAuth("").accepts("Bearer "));
        assertEquals(false, new BearerAuth(null).configured());
    }
}
