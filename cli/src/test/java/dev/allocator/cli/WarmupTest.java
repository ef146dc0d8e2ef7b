package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WarmupTest {
    @Test
    void aCountRunsExactlyThatManyReplays() {
        AtomicInteger replays = new AtomicInteger();
        Warmup.Done done = Warmup.parse("3").run(() -> {
            replays.incrementAndGet();
            return 1000;
        }, 10);
        assertEquals(3, replays.get());
        assertEquals(3, done.replays());
        assertTrue(done.settled(), "three equal replays agree");
        assertEquals(0, Warmup.parse(" 0 ").run(() -> 1, 1).replays());
    }

    @Test
    void aDurationRunsReplaysForThatLong() {
        Warmup.Done done = Warmup.parse("30ms").run(() -> {
            sleepMillis(1);
            return 1_000_000;
        }, 1);
        assertTrue(done.nanos() >= 30_000_000L, "ran " + done.nanos() + " ns");
        assertTrue(done.replays() >= 2);
    }

    @Test
    void replaysAgreeWhenTheLastThreeAreWithinFivePercent() {
        assertTrue(Warmup.settled(new double[] {100, 104, 101}, 7));
        assertFalse(Warmup.settled(new double[] {100, 106, 101}, 7));
        assertFalse(Warmup.settled(new double[] {100, 100, 100}, 2), "fewer than three replays never agree");
    }

    @Test
    void describeSaysHowLongAndMarksUnsettledTimes() {
        assertEquals("2.3s", new Warmup.Done(2_300_000_000L, 40, true).describe());
        assertEquals("~10.0s", new Warmup.Done(10_000_000_000L, 400, false).describe());
    }

    @Test
    void badValuesSayWhatIsAccepted() {
        assertEquals("--warmup takes auto, a number of replays (3) or a duration (500ms, 2s), not 'soon'",
                assertThrows(UserException.class, () -> Warmup.parse("soon")).getMessage());
        assertThrows(UserException.class, () -> Warmup.parse("2m"));
        assertThrows(UserException.class, () -> Warmup.parse("99999999999"));
        assertEquals(1, Warmup.parse("AUTO").progressSteps());
        assertEquals(4, Warmup.parse("4").progressSteps());
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
