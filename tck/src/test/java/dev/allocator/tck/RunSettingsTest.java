package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunSettingsTest {
    @Test
    void aGivenSeedRunsExactlyThatSequence() {
        RunSettings single = new RunSettings(42, 1, 100, true);
        assertEquals(42, single.seed(0));
        assertTrue(single.single());
    }

    @Test
    void sequencesGetDistinctSeedsDerivedFromTheBase() {
        RunSettings settings = new RunSettings(42, 3, 100, false);
        assertEquals(42, settings.seed(0));
        assertNotEquals(settings.seed(1), settings.seed(2));
        assertFalse(settings.single());
    }

    @Test
    void withoutPropertiesTheDefaultsAndTheFixedSeedApply() {
        if (System.getProperty(RunSettings.SEED) == null && System.getProperty(RunSettings.SEQUENCES) == null
                && System.getProperty(RunSettings.OPS) == null && !Boolean.getBoolean(RunSettings.RANDOM)) {
            RunSettings settings = RunSettings.fromSystemProperties(7, 9);
            assertEquals(new RunSettings(RunSettings.DEFAULT_SEED, 7, 9, false), settings);
        }
    }
}
