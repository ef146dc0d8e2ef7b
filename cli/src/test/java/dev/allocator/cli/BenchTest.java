package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BenchTest {
    @Test
    void shortTracesAreTimedInBatchesOfFreshAllocators() {
        assertEquals(Bench.MAX_BATCH, Bench.batchSize(42));
        assertEquals(10, Bench.batchSize(1_000));
        assertEquals(1, Bench.batchSize(Bench.MIN_TIMED_OPS));
        assertEquals(1, Bench.batchSize(200_000));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.0, Bench.median(new double[] {1, 2, 3}));
        assertEquals(2.5, Bench.median(new double[] {1, 2, 3, 4}));
    }

    @Test
    void countsAreChecked() {
        assertEquals("--repeat must be 1 or more, not 0",
                assertThrows(UserException.class, () -> new Bench(Warmup.parse("0"), 0)).getMessage());
        assertEquals("--warmup must be 0 or more, not -1",
                assertThrows(UserException.class, () -> Warmup.parse("-1")).getMessage());
    }
}
