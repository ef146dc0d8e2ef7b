package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VersionProviderTest {
    @Test
    void versionIsTheModuleVersionTheBuildRecorded() {
        String javaBase = Object.class.getModule().getDescriptor().rawVersion().orElseThrow();
        assertEquals(javaBase, VersionProvider.version(Object.class.getModule()));
    }

    @Test
    void withoutADescriptorTheVersionIsUnknown() {
        Module unnamed = ClassLoader.getSystemClassLoader().getUnnamedModule();
        assertEquals("(version unknown)", VersionProvider.version(unnamed));
    }

    @Test
    void versionOptionPrintsIt() {
        Cli cli = Cli.run("--version");
        assertEquals(0, cli.exitCode);
        assertEquals("allocator " + VersionProvider.version(VersionProvider.class.getModule()) + "\n", cli.out);
    }
}
