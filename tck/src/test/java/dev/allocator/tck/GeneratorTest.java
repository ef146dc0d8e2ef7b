package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The random sequences really exercise every call and every kind of rejection. */
class GeneratorTest {
    private static final ContractSettings BYTES = ContractSettings.defaults().withMaxRegionSize(1 << 14);
    private static final ContractSettings IDS = ContractSettings.defaults().withMaxRegionSize(512);

    /** Runs sequences and collects the call types made and the outcomes seen. */
    private static void exercise(Supplier<Subject> factory, ContractSettings settings, Set<Op.Type> types,
                                 Set<String> outcomes) {
        for (long seed = 1; seed <= 4; seed++) {
            SequenceRun run = new SequenceRun(factory, settings, SequenceRun.Mode.RANDOM);
            Generator generator = new Generator(new SplittableRandom(seed), run);
            run.step(generator.first());
            for (int call = 0; call < 300; call++) {
                Op op = generator.next();
                run.step(op);
                if (!run.lastOutcome().equals("skipped")) {
                    types.add(op.type());
                    outcomes.add(run.lastOutcome());
                }
            }
        }
    }

    @Test
    void byteSequencesMakeEveryByteCallAndMeetEveryRejection() {
        Set<Op.Type> types = EnumSet.noneOf(Op.Type.class);
        Set<String> outcomes = new TreeSet<>();
        exercise(() -> new ByteSubject(new ReferenceByteAllocator()), BYTES, types, outcomes);
        assertEquals(EnumSet.complementOf(EnumSet.of(Op.Type.ALLOC_AT)), types);
        assertTrue(outcomes.containsAll(Set.of("ok", "false", "INVALID_PARAM", "MEMORY_OVERLAP", "NO_MEMORY",
                "NOT_ALLOCATED")), outcomes.toString());
    }

    @Test
    void pageSequencesMakeEveryPageCall() {
        Set<Op.Type> types = EnumSet.noneOf(Op.Type.class);
        Set<String> outcomes = new TreeSet<>();
        exercise(() -> new PageSubject(new ReferencePageAllocator()), BYTES, types, outcomes);
        assertEquals(EnumSet.complementOf(EnumSet.of(Op.Type.TRY_ALLOC)), types);
        assertTrue(outcomes.containsAll(Set.of("ok", "INVALID_PARAM", "MEMORY_OVERLAP", "NO_MEMORY",
                "NOT_ALLOCATED")), outcomes.toString());
    }

    @Test
    void idSequencesMakeEveryIdCall() {
        Set<Op.Type> types = EnumSet.noneOf(Op.Type.class);
        Set<String> outcomes = new TreeSet<>();
        exercise(() -> new IdSubject(new ReferenceIdAllocator()), IDS, types, outcomes);
        assertEquals(EnumSet.complementOf(EnumSet.of(Op.Type.TRY_ALLOC)), types);
        assertTrue(outcomes.containsAll(Set.of("ok", "INVALID_PARAM", "MEMORY_OVERLAP", "NO_MEMORY",
                "NOT_ALLOCATED")), outcomes.toString());
    }
}
