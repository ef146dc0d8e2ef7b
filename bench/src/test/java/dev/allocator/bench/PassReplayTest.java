package dev.allocator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PassReplayTest {
    @Test
    void everyWorkloadGivesOneSortedPositiveFigurePerPass() {
        for (String workload : new String[] {"vec_push_3M", "pair", "pair-live", "churn"}) {
            double[] nanos = PassReplay.measure("tlsf", workload, 0, 3);
            assertEquals(3, nanos.length, workload);
            assertTrue(nanos[0] > 0, workload + ": " + nanos[0]);
            assertTrue(nanos[0] <= nanos[1] && nanos[1] <= nanos[2], workload + " sorted");
        }
    }

    @Test
    void anUnknownWorkloadIsRefusedByName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PassReplay.measure("tlsf", "no_such_trace", 0, 1));
        assertTrue(refused.getMessage().contains("no_such_trace"), refused.getMessage());
    }
}
