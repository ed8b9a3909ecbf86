package io.rubrique.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Strict UTF-8 decoding: malformed bytes are an error that names the input, never a silent U+FFFD. */
public final class Utf8 {
    private static final char BOM = '\uFEFF';

    private Utf8() {
    }

    /** The file's text without a leading BOM; fails naming the file and the byte offset of the first bad byte. */
    public static String readStrict(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Optional<Integer> bad = firstMalformedByte(bytes, 0, bytes.length);
        if (bad.isPresent()) {
            throw new IOException(file + ": not valid UTF-8 (bad byte 0x%02X at offset %d)"
                    .formatted(bytes[bad.get()] & 0xFF, bad.get()));
        }
        return stripBom(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Index in {@code bytes} of the first byte of {@code bytes[from, to)} that is not valid UTF-8, if any. */
    public static Optional<Integer> firstMalformedByte(byte[] bytes, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(Math.max(16, to - from));
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            return Optional.of(in.position());
        }
        r = decoder.flush(out);
        return r.isError() ? Optional.of(in.position()) : Optional.empty();
    }

    public static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == BOM ? s.substring(1) : s;
    }
}
