package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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
        RunSettings settings = RunSettings.from(Map.<String, String>of()::get, 7, 9);
        assertEquals(new RunSettings(RunSettings.DEFAULT_SEED, 7, 9, false), settings);
    }

    @Test
    void propertiesChooseTheSequencesTheirLengthAndOneSeed() {
        Map<String, String> properties = Map.of(RunSettings.SEQUENCES, "3", RunSettings.OPS, "10000000");
        assertEquals(new RunSettings(RunSettings.DEFAULT_SEED, 3, 10_000_000, false),
                RunSettings.from(properties::get, 7, 9));
        Map<String, String> seed = Map.of(RunSettings.SEED, " 0x2A ", RunSettings.OPS, "500");
        assertEquals(new RunSettings(42, 1, 500, true), RunSettings.from(seed::get, 7, 9));
    }

    @Test
    void aRandomBaseSeedDiffersFromTheFixedOne() {
        RunSettings settings = RunSettings.from(Map.of(RunSettings.RANDOM, "true")::get, 7, 9);
        assertNotEquals(RunSettings.DEFAULT_SEED, settings.baseSeed());
        assertFalse(settings.single());
    }

    @Test
    void aMalformedNumberNamesTheProperty() {
        for (String bad : new String[] {"-1", "0", "ten", "1e7"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RunSettings.from(Map.of(RunSettings.OPS, bad)::get, 7, 9));
            assertTrue(e.getMessage().contains(RunSettings.OPS + "=" + bad), e.getMessage());
        }
    }
}
