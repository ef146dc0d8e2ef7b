package dev.allocator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChurnSequenceTest {
    @Test
    void sameSeedGivesTheSameSequenceWithinBounds() {
        ChurnSequence first = new ChurnSequence(ChurnSequence.SEED);
        ChurnSequence second = new ChurnSequence(ChurnSequence.SEED);
        for (int step = 0; step < ChurnSequence.STEPS; step += 997) {
            assertEquals(first.victim(step), second.victim(step));
            assertEquals(first.size(step), second.size(step));
            assertTrue(first.victim(step) >= 0 && first.victim(step) < ChurnSequence.LIVE_BLOCKS);
            assertTrue(first.size(step) >= ChurnSequence.MIN_SIZE && first.size(step) <= ChurnSequence.MAX_SIZE);
        }
        for (int slot = 0; slot < ChurnSequence.LIVE_BLOCKS; slot++) {
            assertEquals(first.initialSize(slot), second.initialSize(slot));
        }
    }

    @Test
    void stepsWrapAroundTheSequence() {
        ChurnSequence sequence = new ChurnSequence(1);
        assertEquals(sequence.victim(5), sequence.victim(ChurnSequence.STEPS + 5));
        assertEquals(sequence.size(5), sequence.size(ChurnSequence.STEPS + 5));
    }
}
