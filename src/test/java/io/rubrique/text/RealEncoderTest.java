package io.rubrique.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
