package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each call is recorded as the Java statement that makes it, with its result. */
class RenderingTest {
    private static final ContractSettings SETTINGS = ContractSettings.defaults().withMaxRegionSize(64);

    @Test
    void pageCallsRenderAsPageAllocatorMethods() {
        SequenceRun run = new SequenceRun(() -> new PageSubject(new ReferencePageAllocator()), SETTINGS);
        run.runAll(List.of(Op.init(0, 4096 * 8), Op.alloc(0, 2, 8192), Op.allocAt(1, 4096 * 4, 1, 4096),
                Op.allocAt(2, 4096 * 4, 1, 4096), Op.resize(0, 1), Op.free(0)));
        assertEquals(List.of("a.init(0L, (1L << 15));",
                "long b0 = a.allocPages(2L, (1L << 13)); // 0",
                "long b1 = a.allocPagesAt((1L << 14), 1L, (1L << 12)); // 16384",
                "assertThrows(AllocException.class, () -> a.allocPagesAt((1L << 14), 1L, (1L << 12))); // NO_MEMORY",
                "a.tryResize(b0, 2L, 1L); // true",
                "a.deallocPages(b0, 1L);"), run.lines());
    }

    @Test
    void idCallsRenderAsIdAllocatorMethods() {
        SequenceRun run = new SequenceRun(() -> new IdSubject(new ReferenceIdAllocator()), SETTINGS);
        run.runAll(List.of(Op.init(10, 20), Op.allocAt(0, 12, 1, 1), Op.allocAt(1, 12, 1, 1), Op.alloc(2, 3, 4),
                Op.freeSize(2, 2), Op.free(2)));
        assertEquals(List.of("a.init(10L, 20L);",
                "long b0 = 12L; a.allocFixedId(12L); // 12",
                "assertThrows(AllocException.class, () -> a.allocFixedId(12L)); // NO_MEMORY",
                "long b2 = a.allocId(3L, 4L); // 16",
                "assertThrows(AllocException.class, () -> a.deallocId(b2, 2L)); // NOT_ALLOCATED",
                "a.deallocId(b2, 3L);"), run.lines());
    }
}
