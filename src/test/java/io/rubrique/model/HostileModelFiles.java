package io.rubrique.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.Map;

/** Hostile {@code model.ser} contents shared by the loader's and the server's tests. */
public final class HostileModelFiles {
    private HostileModelFiles() {
    }

    /**
     * The classic deserialization bomb made of allowed classes only: two maps per level, each level's maps keys
     * of both maps of the level above, so hashing the root while reading it visits 2^100 maps. Writing it is
     * safe: {@code HashMap.writeObject} does not hash its keys.
     */
    public static byte[] hashBomb() throws IOException {
        Map<Object, Object> root = new HashMap<>();
        Map<Object, Object> s1 = root;
        Map<Object, Object> s2 = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            Map<Object, Object> t1 = new HashMap<>();
            Map<Object, Object> t2 = new HashMap<>();
            t1.put("foo", 1);
            s1.put(t1, 1);
            s1.put(t2, 1);
            s2.put(t1, 1);
            s2.put(t2, 1);
            s1 = t1;
            s2 = t2;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(root);
        }
        return bytes.toByteArray();
    }
}
