package dev.allocator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A stranger's program ({@code src/concurrent-user}, module {@code org.example.concurrentuser}, which requires
 * {@code dev.allocator.concurrent} only) shares one {@code ConcurrentByteAllocator} between 8 threads on the module
 * path, over each byte algorithm found by name: random allocations, frees, frees by another thread, double frees
 * that must be refused; at the end nothing is used and the heap walk is all free. Each run is a child JVM.
 */
class ConcurrentUserTest {
    static final String USER = "org.example.concurrentuser";

    @TestFactory
    Stream<DynamicTest> eightThreadsShareOneConcurrentAllocatorOnTheModulePath() {
        return Stream.of("tlsf", "buddy", "slab").map(algorithm -> DynamicTest.dynamicTest(algorithm,
                () -> eightThreadsShare(algorithm)));
    }

    private static void eightThreadsShare(String algorithm) throws IOException {
        String path = PluginFixtures.path(PluginFixtures.libraries(),
                PluginFixtures.property("allocator.it.concurrent-user").toString());
        Processes.Result run = PluginFixtures.java("--module-path", path, "-m",
                USER + "/" + USER + ".ConcurrentUser", algorithm, "20000");
        System.out.print("ConcurrentUserTest " + algorithm + ":\n" + run.output);
        assertEquals(0, run.status, run.output);
        assertEquals("module dev.allocator.concurrent", run.line("module"), run.output);
        assertTrue(run.line("allocator").startsWith("concurrent(" + algorithm + ","), run.output);
        assertEquals("8 x 20000 operations", run.line("threads"), run.output);
        assertTrue(Long.parseLong(run.line("double frees refused")) > 0, run.output);
        assertTrue(Long.parseLong(run.line("cross-thread frees")) > 0, run.output);
        assertTrue(run.line("used after").startsWith("0, live blocks 0, walked used 0 of "), run.output);
        assertEquals("ok", run.line("result"), run.output);
    }
}
