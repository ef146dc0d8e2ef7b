package dev.allocator.bench;

import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/**
 * Java heap each of our byte allocators keeps per live block: {@code blocks} live blocks of 64 to 160 bytes
 * (default 1,000,000) allocated on a 1 GiB range, heap used after full GCs minus heap used before the allocator
 * existed, divided by the blocks. One JVM per allocator (a fresh heap); run it with the serial collector so the
 * figure is not blurred by concurrent GC bookkeeping:
 *
 * <pre>java -XX:+UseSerialGC -Xmx2g -cp benchmarks.jar dev.allocator.bench.MetadataFootprint tlsf [blocks]</pre>
 */
public final class MetadataFootprint {
    private MetadataFootprint() {
    }

    /**
     * Entry point.
     *
     * @param args the allocator's name, then optionally the number of live blocks
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: MetadataFootprint <allocator> [blocks]");
            System.exit(2);
        }
        int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        long[] sizes = new long[blocks];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < blocks; i++) {
            sizes[i] = random.nextLong(64, 161);
        }
        long before = heapAfterGc();
        ByteAllocator allocator = Allocators.byteAllocator(args[0]);
        allocator.init(0, 1L << 30);
        for (long size : sizes) {
            allocator.alloc(size, 16);
        }
        long after = heapAfterGc();
        System.out.printf("%s: %,d live blocks, %,d bytes of heap, %.1f B per live block (%s)%n", args[0], blocks,
                after - before, (after - before) / (double) blocks, allocator.stats());
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
