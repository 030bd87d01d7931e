package dev.vtsne.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small JSON writer for the run report: maps (written in their iteration order), lists,
 * strings, numbers, booleans and null. Non-finite numbers, which JSON cannot hold, become null.
 */
final class Json {

    private Json() {}

    /** {@code value} as indented JSON text ending in a newline. */
    static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, 0);
        return b.append('\n').toString();
    }

    private static void write(StringBuilder b, Object v, int indent) {
        switch (v) {
            case null -> b.append("null");
            case String s -> string(b, s);
            case Boolean x -> b.append(x);
            case Integer x -> b.append(x);
            case Long x -> b.append(x);
            case Number x -> number(b, x.doubleValue());
            case Map<?, ?> m -> {
                if (m.isEmpty()) {
                    b.append("{}");
                    return;
                }
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    b.append(first ? "\n" : ",\n");
                    first = false;
                    b.append("  ".repeat(indent + 1));
                    string(b, String.valueOf(e.getKey()));
                    b.append(": ");
                    write(b, e.getValue(), indent + 1);
                }
                b.append('\n').append("  ".repeat(indent)).append('}');
            }
            case List<?> l -> {
                if (l.isEmpty()) {
                    b.append("[]");
                    return;
                }
                boolean flat = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    if (flat) {
                        b.append(i > 0 ? " " : "");
                    } else {
                        b.append('\n').append("  ".repeat(indent + 1));
                    }
                    write(b, l.get(i), indent + 1);
                }
                if (!flat) {
                    b.append('\n').append("  ".repeat(indent));
                }
                b.append(']');
            }
            default -> string(b, v.toString());
        }
    }

    private static void number(StringBuilder b, double d) {
        if (!Double.isFinite(d)) {
            b.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            b.append((long) d);
        } else {
            b.append(Double.toString(d)); // shortest round-trip form; "1.0E-5" is valid JSON
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
