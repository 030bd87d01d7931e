package dev.vtsne.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private long entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void failedWriteLeavesNoFileAndNoTemporary() throws Exception {
        Path target = dir.resolve("out.csv");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.US_ASCII));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(0, entries());
    }

    @Test
    void failedWriteKeepsTheOldContent() throws Exception {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            throw new IOException("boom");
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(1, entries());
    }

    @Test
    void replacesAnExistingFile() throws Exception {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "old");
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("new", Files.readString(target));
        assertEquals(1, entries());
    }

    @Test
    void sameFileFollowsLinksAndRelativePaths() throws Exception {
        Path a = dir.resolve("a.csv");
        Files.writeString(a, "1\n");
        Path link = dir.resolve("link.csv");
        Files.createSymbolicLink(link, a);
        assertTrue(AtomicFiles.sameFile(link, a));
        assertTrue(AtomicFiles.sameFile(dir.resolve("sub/../a.csv"), a));
        assertFalse(AtomicFiles.sameFile(dir.resolve("b.csv"), a));
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> AtomicFiles.checkWritable(link, "output", a));
        assertTrue(e.getMessage().contains("is the input file"), e.getMessage());
    }

    @Test
    void missingDirectoryIsRefused() {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> AtomicFiles.checkWritable(dir.resolve("no/such/out.csv"), "output"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    /** An interrupt just before the rename: the write gives up, no temporary file remains, the old target stays. */
    @org.junit.jupiter.api.Test
    void abandonedWritesLeaveNoTemporaryFileAndTheTargetAsItWas(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path fresh = dir.resolve("new.csv");
        Path old = dir.resolve("old.csv");
        Files.writeString(old, "before");
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        org.junit.jupiter.api.Assertions.assertThrows(java.io.InterruptedIOException.class, () -> AtomicFiles.abandonIf(interrupted::get, () -> {
            AtomicFiles.write(fresh, out -> out.write("x,y\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            AtomicFiles.write(old, out -> {
                out.write("after".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                interrupted.set(true); // Ctrl-C while the content is being written
            });
        }));
        org.junit.jupiter.api.Assertions.assertEquals("before", Files.readString(old));
        org.junit.jupiter.api.Assertions.assertEquals("x,y\n", Files.readString(fresh), "written before the interrupt");
        try (var files = Files.list(dir)) {
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("new.csv", "old.csv"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no temporary file");
        }
        // outside abandonIf, writes are as before
        AtomicFiles.write(old, out -> out.write("after".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        org.junit.jupiter.api.Assertions.assertEquals("after", Files.readString(old));
    }
}
