package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ShrinkerTest {
    private static final ContractSettings SETTINGS = ContractSettings.defaults().withMaxRegionSize(1 << 16);

    @Test
    void aDoubleFreeBuriedInNoiseShrinksToFourSimpleCalls() {
        Supplier<Subject> broken = () -> new ByteSubject(new BrokenAllocators.SilentDoubleFree());
        List<Op> ops = new ArrayList<>();
        ops.add(Op.init(0, 1 << 16));
        for (int id = 0; id < 30; id++) {
            ops.add(Op.alloc(id, 100 + id, 8));
        }
        for (int id = 0; id < 30; id += 2) {
            ops.add(Op.free(id));
        }
        ops.add(Op.free(10));
        ContractViolation violation = assertThrows(ContractViolation.class,
                () -> new SequenceRun(broken, SETTINGS).runAll(ops));
        assertEquals("not-allocated", violation.property());

        Shrinker.Result shrunk = Shrinker.shrink(broken, SETTINGS, ops, violation);

        assertEquals("not-allocated", shrunk.violation().property());
        assertEquals(List.of("a.init(0L, 8L);", "long b10 = a.alloc(0L, 1L); // 0", "a.dealloc(b10, 0L, 1L);",
                "assertThrows(AllocException.class, () -> a.dealloc(b10, 0L, 1L)); // expected NOT_ALLOCATED"),
                shrunk.lines());
    }

    @Test
    void aPassingAllocatorRunsTheSameCallsWithoutViolation() {
        Supplier<Subject> simple = () -> new ByteSubject(new ReferenceByteAllocator());
        SequenceRun run = new SequenceRun(simple, SETTINGS);
        run.runAll(List.of(Op.init(0, 4096), Op.alloc(0, 10, 8), Op.free(0), Op.free(0)));
        assertEquals("NOT_ALLOCATED", run.lastOutcome());
        assertTrue(run.lines().get(3).startsWith("assertThrows(AllocException.class, () -> a.dealloc(b0, 10L, 8L));"),
                run.lines().get(3));
    }
}
