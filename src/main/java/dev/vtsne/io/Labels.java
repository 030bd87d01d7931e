package dev.vtsne.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One class label per point, stored as codes {@code 0..count()-1} with a display name per code
 * (for legends and for writing the labels back out).
 *
 * @param codes per point, each in {@code [0, names.size())}
 * @param names display name of each code
 */
public record Labels(int[] codes, List<String> names) {

    public Labels {
        Objects.requireNonNull(codes, "codes");
        names = List.copyOf(names);
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0 || codes[i] >= names.size()) {
                throw new IllegalArgumentException("label code " + codes[i] + " of point " + (i + 1)
                        + " has no name (" + names.size() + " names)");
            }
        }
    }

    /** Number of points labelled. */
    public int size() {
        return codes.length;
    }

    /** Number of distinct labels. */
    public int count() {
        return names.size();
    }

    /** The display name of point {@code i}'s label. */
    public String nameOf(int i) {
        return names.get(codes[i]);
    }

    /**
     * Labels from text values. When every value is an integer (as in "3" or "3.0") the codes follow
     * numeric order, so digits 0..9 keep their order in the legend; otherwise codes follow the
     * order in which each value first appears.
     */
    public static Labels fromStrings(List<String> values) {
        boolean numeric = !values.isEmpty();
        long[] asLong = new long[values.size()];
        for (int i = 0; i < values.size() && numeric; i++) {
            Long v = integerValue(values.get(i));
            if (v == null) {
                numeric = false;
            } else {
                asLong[i] = v;
            }
        }
        if (numeric) {
            return fromLongs(asLong);
        }
        Map<String, Integer> seen = new HashMap<>();
        List<String> names = new ArrayList<>();
        int[] codes = new int[values.size()];
        for (int i = 0; i < codes.length; i++) {
            String v = values.get(i);
            Integer c = seen.get(v);
            if (c == null) {
                c = names.size();
                seen.put(v, c);
                names.add(v);
            }
            codes[i] = c;
        }
        return new Labels(codes, names);
    }

    /** Labels from integer values; codes follow numeric order. */
    public static Labels fromLongs(long[] values) {
        long[] distinct = Arrays.stream(values).distinct().sorted().toArray();
        List<String> names = new ArrayList<>(distinct.length);
        for (long d : distinct) {
            names.add(Long.toString(d));
        }
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = Arrays.binarySearch(distinct, values[i]);
        }
        return new Labels(codes, names);
    }

    private static Long integerValue(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 18) {
            return null;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            // "3.0" as written by tools that store labels as floats
        }
        if (!t.matches("[+-]?\\d+\\.0*")) {
            return null;
        }
        return Long.parseLong(t.substring(0, t.indexOf('.')));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels l && Arrays.equals(codes, l.codes) && names.equals(l.names);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(codes) + names.hashCode();
    }

    @Override
    public String toString() {
        return "Labels[" + codes.length + " points, " + names.size() + " labels " + names + "]";
    }
}
