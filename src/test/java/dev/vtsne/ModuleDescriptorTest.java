package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compiled module descriptor (target/classes/module-info.class, what the jar carries): the
 * module exports the API package and nothing else, to everyone, and requires the incubator module
 * at run time, so a module-path user needs no --add-modules for the vector kernels.
 */
class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor() {
        Path classes = Path.of("target/classes");
        assertTrue(Files.isRegularFile(classes.resolve("module-info.class")), "no compiled module-info in " + classes.toAbsolutePath());
        return ModuleFinder.of(classes).find("dev.vtsne")
                .orElseThrow(() -> new AssertionError("target/classes is not the module dev.vtsne"))
                .descriptor();
    }

    @Test
    void exportsOnlyTheApiPackageToEveryone() {
        ModuleDescriptor d = descriptor();
        Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(Set.of("dev.vtsne"), exported, "exported packages");
        assertTrue(d.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified), "qualified exports: " + d.exports());
        assertFalse(d.isOpen(), "an open module opens every internal package to reflection");
    }

    @Test
    void opensOnlyTheCommandLineToPicocli() {
        Set<String> opens = descriptor().opens().stream().map(o -> o.source() + " to " + o.targets()).collect(Collectors.toSet());
        assertEquals(Set.of("dev.vtsne.cli to [info.picocli]"), opens, "opened packages");
    }

    @Test
    void requiresTheVectorModuleAtRunTime() {
        ModuleDescriptor.Requires vector = descriptor().requires().stream()
                .filter(r -> r.name().equals("jdk.incubator.vector")).findFirst()
                .orElseThrow(() -> new AssertionError("jdk.incubator.vector is not required: " + descriptor().requires()));
        assertFalse(vector.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC),
                "requires static would leave the module out at run time, and the kernels scalar");
    }
}
