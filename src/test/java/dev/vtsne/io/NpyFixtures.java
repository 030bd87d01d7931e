package dev.vtsne.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds .npy bytes by hand, following the format specification, independently of NpyWriter. */
public final class NpyFixtures {

    private NpyFixtures() {}

    /** A .npy file of the given version with the given header dictionary and data bytes. */
    public static byte[] npy(int major, String dict, byte[] data) {
        int lenBytes = major == 1 ? 2 : 4;
        int prefix = 6 + 2 + lenBytes;
        int unpadded = prefix + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        byte[] header = (dict + " ".repeat(total - unpadded) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(prefix + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) header.length);
        } else {
            b.putInt(header.length);
        }
        b.put(header).put(data);
        return b.array();
    }

    public static String dict(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
    }

    public static byte[] f4(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    public static byte[] f8(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    public static byte[] i4(int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putInt(x);
        }
        return b.array();
    }

    public static byte[] i8(long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            b.putLong(x);
        }
        return b.array();
    }

    public static byte[] i2(int... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putShort((short) x);
        }
        return b.array();
    }

    public static byte[] u1(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    /** Fixed-width little-endian UTF-32 strings, numpy's '<U' dtype. */
    public static byte[] utf32(int width, String... v) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : v) {
            ByteBuffer b = ByteBuffer.allocate(4 * width).order(ByteOrder.LITTLE_ENDIAN);
            s.codePoints().forEach(b::putInt);
            out.write(b.array());
        }
        return out.toByteArray();
    }

    public static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }
}
