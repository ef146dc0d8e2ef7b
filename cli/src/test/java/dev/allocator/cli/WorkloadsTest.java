package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.spi.AllocatorKind;
import org.junit.jupiter.api.Test;

class WorkloadsTest {
    @Test
    void vecPushDoublesFromFourElementsAndFreesEachOldBuffer() {
        Trace trace = Workloads.generate("vec_push_3M");
        assertEquals(42, trace.opCount());
        assertEquals(16, trace.size(0));
        assertEquals(4, trace.align(0));
        assertEquals(Trace.ALLOC, trace.op(1));
        assertEquals(32, trace.size(1));
        assertEquals(Trace.FREE, trace.op(2));
        assertEquals(0, trace.id(2));
        assertEquals(16L << 20, trace.size(trace.opCount() - 3), "2^22 elements of 4 bytes hold 3M");
        assertEquals(Trace.FREE, trace.op(trace.opCount() - 2), "the 8 MiB buffer, after the copy");
        assertEquals(Trace.FREE, trace.op(trace.opCount() - 1));
    }

    @Test
    void vecRandFreeAllocatesEveryBlockThenFreesAll() {
        Trace trace = Workloads.generate("vec_rand_free_7500_520");
        int blocks = 0;
        int frees = 0;
        for (int i = 0; i < trace.opCount(); i++) {
            if (trace.op(i) == Trace.ALLOC && trace.size(i) == 520 * 8) {
                blocks++;
            }
            if (trace.op(i) == Trace.FREE) {
                frees++;
            }
        }
        assertEquals(7_500, blocks);
        assertEquals(trace.blockCount(), frees, "nothing stays live");
    }

    @Test
    void everyWorkloadIsValidAndOfItsKind() {
        for (String name : Workloads.names()) {
            Trace trace = Workloads.generate(name);
            assertEquals(name, trace.name());
            assertEquals(kindOf(name), trace.kind(), name);
            assertTrue(trace.opCount() > 40, name);
        }
    }

    @Test
    void workloadsAreTheSameEachTime() {
        Trace first = Workloads.generate("btree_map_50K");
        Trace second = Workloads.generate("BTREE_MAP_50K");
        assertEquals(first.opCount(), second.opCount());
        for (int i = 0; i < first.opCount(); i += 97) {
            assertEquals(first.size(i), second.size(i));
            assertEquals(first.id(i), second.id(i));
        }
    }

    @Test
    void idChurnFillsSingleIdsThenFreesAndAllocatesInPairsWithSomeAlignedBlocks() {
        Trace trace = Workloads.generate("id_churn_100K");
        assertEquals(AllocatorKind.ID, trace.kind());
        assertEquals(100_000, trace.opCount());
        for (int i = 0; i < 20_000; i++) {
            assertEquals(Trace.ALLOC, trace.op(i));
            assertEquals(1, trace.size(i));
        }
        int blocks = 0;
        for (int i = 20_000; i < trace.opCount(); i += 2) {
            assertEquals(Trace.FREE, trace.op(i), "a free first");
            assertEquals(Trace.ALLOC, trace.op(i + 1), "then an allocation");
            long count = trace.size(i + 1);
            long align = trace.align(i + 1);
            assertTrue(count >= 1 && count <= 32, "count " + count);
            assertTrue(align >= count && align < 2 * count && Long.bitCount(align) == 1, count + " aligned " + align);
            if (count > 1) {
                blocks++;
            }
        }
        assertTrue(blocks > 40_000 / 32 / 2 && blocks < 40_000 / 32 * 2, blocks + " blocks in 40,000 allocations");
    }

    static AllocatorKind kindOf(String workload) {
        return workload.startsWith("page") ? AllocatorKind.PAGE
                : workload.startsWith("id") ? AllocatorKind.ID : AllocatorKind.BYTE;
    }
}
