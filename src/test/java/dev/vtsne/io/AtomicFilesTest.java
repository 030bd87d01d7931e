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
}
