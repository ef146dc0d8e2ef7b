package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Sequences too long to keep: constant memory, failures reported by seed and step, shrunk when short enough. */
class LongRunTest {
    private static final ContractSettings SETTINGS = ContractSettings.defaults().withMaxRegionSize(1 << 14);

    @Test
    void aLongRunKeepsNoHistoryAndOnlyTheLastCalls() {
        SequenceRun run = new SequenceRun(() -> new ByteSubject(new ReferenceByteAllocator()), SETTINGS,
                SequenceRun.Mode.LONG);
        Generator generator = new Generator(new SplittableRandom(3), run);
        run.step(generator.first());
        for (int call = 1; call < 20_000; call++) {
            run.step(generator.next());
        }
        assertEquals(20_000, run.steps());
        assertEquals(0, run.history().size());
        assertTrue(run.lines().size() <= 24, "lines kept: " + run.lines().size());
        assertTrue(run.freedIds().size() <= 256, "freed ids kept: " + run.freedIds().size());
        assertTrue(run.model().regions().size() <= Generator.MAX_REGIONS, "regions: " + run.model().regions().size());
    }

    @Test
    void aFailureDeepInALongRunIsReportedBySeedStepAndLastCalls() {
        Supplier<Subject> drifting = () -> new ByteSubject(new BrokenAllocators.DriftsAfterManyAllocations());
        ContractViolation violation = assertThrows(ContractViolation.class, () -> RandomRunner.run("drifting",
                "-Dtest=X", drifting, SETTINGS, new RunSettings(7, 1, 5000, false), 100));
        assertEquals("accounting", violation.property());
        assertTrue(violation.getMessage().contains("of a long sequence")
                && violation.getMessage().contains("too long to shrink")
                && violation.getMessage().contains("-Dallocator.tck.seed=7 -Dallocator.tck.ops="),
                violation.getMessage());
    }

    @Test
    void aFailureEarlyInALongRunIsReplayedWithHistoryAndShrunk() {
        Supplier<Subject> silent = () -> new ByteSubject(new BrokenAllocators.SilentDoubleFree());
        ContractViolation violation = assertThrows(ContractViolation.class, () -> RandomRunner.run("silent",
                "-Dtest=X", silent, SETTINGS, new RunSettings(7, 1, 100_000, false), 5000));
        assertEquals("not-allocated", violation.property());
        assertTrue(violation.getMessage().contains("shrunk to"), violation.getMessage());
    }
}
