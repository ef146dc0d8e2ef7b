package dev.allocator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.Allocators;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorProvider;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;

/**
 * JDK 22+: the {@code memory} module, found on a module path next to the api and every provider, serves memory
 * segments from each byte allocator. The program that uses it ({@code src/memory-probe}, release 22) runs in a
 * child JVM of the running JDK, since this module compiles for release 17.
 */
@EnabledForJreRange(minVersion = 22)
class MemoryModuleTest {
    static final String PROBE = "dev.allocator.it.memoryprobe";

    @Test
    void theMemoryModuleServesSegmentsFromEveryByteAllocatorOnTheModulePath() throws IOException {
        String memoryJar = System.getProperty("allocator.it.memory");
        String probe = System.getProperty("allocator.it.memory-probe");
        assertNotNull(memoryJar, "allocator.it.memory is set by the jdk22 profile of it/pom.xml");
        assertNotNull(probe, "allocator.it.memory-probe is set by the jdk22 profile of it/pom.xml");
        String modulePath = String.join(File.pathSeparator, System.getProperty("jdk.module.path"), memoryJar, probe);

        Processes.Result run = Processes.run(List.of(RuntimeImage.jdkTool("java").toString(),
                "--module-path", modulePath, "-m", PROBE + "/" + PROBE + ".MemoryProbe"));

        assertEquals(0, run.status, run.output);
        assertEquals("dev.allocator.memory", run.line("memory"), run.output);
        for (AllocatorProvider provider : Allocators.providers()) {
            if (provider.kind() == AllocatorKind.BYTE) {
                String line = run.line("segments " + provider.name());
                assertTrue(line.startsWith("ok:"), provider.name() + ": " + line);
            }
        }
        System.out.print("MemoryModuleTest on Java " + Runtime.version().feature() + ":\n" + run.output);
    }
}
