package dev.allocator.bench;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.Allocators;
import dev.allocator.api.PageAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Replays the page trace {@code page_mixed_100K} (runs of 1 to 1024 pages of 4 KiB, aligned 4 KiB to 1 MiB, over
 * a 4 GiB range) into our page allocators; ns per trace operation. No peer: Netty and malloc have no page-run API.
 * What the trace leaves live is freed with {@code reset()} after each invocation, untimed.
 */
public class PageTraceBenchmark extends BenchmarkDefaults {
    private static final long RANGE_BYTES = 4L << 30;
    private static final long PAGE_SIZE = 4096;

    /** A page allocator found through {@code Allocators}; see {@link Discovery}. */
    @Param({"bitmap"})
    public String allocator;

    private PageAllocator pages;
    private Trace trace;
    private long[] positions;
    private int failures;

    /** Creates the allocator over 4 GiB, loads the trace and replays it once to report failed allocations. */
    @Setup(Level.Trial)
    public void setUp() {
        Discovery.requirePageAllocator(allocator);
        pages = Allocators.pageAllocator(allocator);
        if (pages.pageSize() != PAGE_SIZE) {
            throw new IllegalStateException(allocator + " has " + pages.pageSize() + "-byte pages; the trace needs "
                    + PAGE_SIZE);
        }
        pages.init(0, RANGE_BYTES);
        trace = Trace.load("page_mixed_100K");
        positions = new long[trace.idCount()];
        int failed = replay();
        cleanUp();
        System.out.println("# " + trace.name() + " on " + allocator + ": " + failed + " of " + trace.idCount()
                + " page-run allocations failed (no memory; their frees are skipped)");
    }

    /** Frees everything the replay left live. */
    @TearDown(Level.Invocation)
    public void cleanUp() {
        pages.reset();
        failures = 0;
    }

    /** {@code page_mixed_100K}: 100,000 steps of page runs. */
    @Benchmark
    @OperationsPerInvocation(100_000)
    public int pageMixed100K() {
        return replay();
    }

    private int replay() {
        int count = trace.operationCount();
        for (int index = 0; index < count; index++) {
            int operation = trace.operation(index);
            if (operation >= 0) {
                positions[operation] = allocate(trace.amount(operation), trace.align(operation));
            } else {
                int id = ~operation;
                if (positions[id] >= 0) {
                    pages.deallocPages(positions[id], trace.amount(id));
                }
            }
        }
        return failures;
    }

    private long allocate(int numPages, int align) {
        try {
            return pages.allocPages(numPages, align);
        } catch (AllocException e) {
            if (e.error() != AllocError.NO_MEMORY) {
                throw e;
            }
            failures++;
            return -1;
        }
    }
}
