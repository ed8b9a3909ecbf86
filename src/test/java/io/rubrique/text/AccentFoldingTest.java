package io.rubrique.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.junit.jupiter.api.Test;

/** The table-driven folding gives exactly Lucene's ASCIIFoldingFilter output. */
class AccentFoldingTest {
    @Test
    void everyBmpCharacterFoldsLikeLucene() {
        char[] out = new char[8];
        for (int c = 0; c <= 0xFFFF; c++) {
            int len = ASCIIFoldingFilter.foldToASCII(new char[] {(char) c}, 0, out, 0, 1);
            assertArrayEquals(Arrays.copyOf(out, len), AccentFolding.fold(new char[] {(char) c}), "U+" + c);
        }
    }

    @Test
    void frenchAndVietnameseNamesFoldToAscii() {
        assertEquals("hanoi tran cam tu lhopital oeuvre", new String(AccentFolding.fold(
                "hanoï trân câm tu lhôpital œuvre".toCharArray())));
    }
}
