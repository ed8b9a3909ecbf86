package io.rubrique.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.util.Hashing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one test that loads the real e5-small-v2 weights (a few seconds): they match the SHA-256 the provider
 * declares (the load checks it), vectors have the declared length, and texts about the same thing are closer than
 * texts about different things.
 */
class RealEncoderTest {
    private static double cosine(float[] a, float[] b) {
        double d = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return d / Math.sqrt(na * nb);
    }

    @Test
    void e5LoadsFromItsCheckedWeightsAndPlacesRelatedNewsCloser() {
        TextEncoder e = TextEncoders.provider("e5-small-v2-q").load();
        List<float[]> v = e.embed(List.of(
                "Cybersécurité : le Vietnam renforce la protection de ses réseaux contre les attaques informatiques",
                "Les pirates informatiques ciblent les systèmes d'information des banques, alerte l'agence de sécurité",
                "Le Congrès national du Parti communiste élit le nouveau Comité central"), 128);
        assertEquals(384, v.get(0).length);
        assertTrue(cosine(v.get(0), v.get(1)) > cosine(v.get(0), v.get(2)),
                "two security items are closer than a security item and a party-congress item");
    }

    @Test
    void aDamagedUnpackedCopyOfTheWeightsIsReplacedByTheJarsOwn() throws Exception {
        TextEncoder.Provider p = TextEncoders.provider("e5-small-v2-q");
        Path copy = TextEncoders.cacheRoot().resolveSibling("weights").resolve(p.weightsSha256() + ".onnx");
        float[] before = p.load().embed(List.of("Hanoï"), 16).get(0);
        assertEquals(p.weightsSha256(), Hashing.sha256(Files.readAllBytes(copy)), "the first load unpacks them");
        byte[] damaged = Files.readAllBytes(copy);
        damaged[damaged.length / 2] ^= 1;
        Files.write(copy, damaged);
        assertArrayEquals(before, p.load().embed(List.of("Hanoï"), 16).get(0), 0f);
        assertEquals(p.weightsSha256(), Hashing.sha256(Files.readAllBytes(copy)), "the damaged copy was replaced");
        Files.write(copy, new byte[] {1, 2, 3});
        assertArrayEquals(before, p.load().embed(List.of("Hanoï"), 16).get(0), 0f);
    }
}
