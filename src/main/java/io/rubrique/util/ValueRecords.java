package io.rubrique.util;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Value equality for records that hold arrays: a record's own {@code equals} compares array components by
 * identity, so two equal plans or predictions would differ. Such a record delegates {@code equals} and
 * {@code hashCode} here, which compare every component with {@link Arrays#deepEquals} (arrays by content, at any
 * depth; other components by their {@code equals}).
 */
public final class ValueRecords {
    private ValueRecords() {
    }

    /** Whether {@code other} is a record of the same class whose components are deeply equal to {@code self}'s. */
    public static boolean equal(Record self, Object other) {
        if (self == other) {
            return true;
        }
        if (other == null || other.getClass() != self.getClass()) {
            return false;
        }
        return Arrays.deepEquals(components(self), components((Record) other));
    }

    /** A hash code consistent with {@link #equal}. */
    public static int hash(Record self) {
        return Arrays.deepHashCode(components(self));
    }

    private static Object[] components(Record r) {
        RecordComponent[] cs = r.getClass().getRecordComponents();
        Object[] values = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            try {
                java.lang.reflect.Method accessor = cs[i].getAccessor();
                accessor.setAccessible(true);
                values[i] = accessor.invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "."
                        + cs[i].getName(), e);
            }
        }
        return values;
    }
}
