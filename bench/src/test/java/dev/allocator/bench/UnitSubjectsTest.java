package dev.allocator.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnitSubjectsTest {
    @ParameterizedTest
    @ValueSource(strings = {"bitmap-id", "bitmap-page", "bitset-scan", "bitset-hint"})
    void everySubjectHandsOutTheLowestFreeUnit(String name) {
        UnitSubject subject = UnitSubjects.create(name, 256);
        int[] lower = new int[100];
        subject.fillLowest(lower);
        for (int i = 0; i < lower.length; i++) {
            assertEquals(i, lower[i], name);
        }
        assertEquals(100, subject.allocate());
        subject.free(37);
        subject.free(5);
        assertEquals(5, subject.allocate());
        assertEquals(37, subject.allocate());
        assertEquals(101, subject.allocate());
        subject.clear();
        assertEquals(0, subject.allocate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bitmap-id", "bitmap-page", "bitset-scan", "bitset-hint"})
    void aFullSubjectRefusesAnotherUnit(String name) {
        UnitSubject subject = UnitSubjects.create(name, 64);
        subject.fillLowest(new int[64]);
        assertThrows(RuntimeException.class, subject::allocate);
    }

    @Test
    void unknownSubjectNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnitSubjects.create("treap", 64));
        assertTrue(e.getMessage().contains("bitset-hint"), e.getMessage());
    }

    @Test
    void theBenchmarksListEverySubject() throws NoSuchFieldException {
        for (Class<?> benchmark : new Class<?>[] {SingleUnitFill.class, SingleUnitChurn.class}) {
            String[] listed = benchmark.getField("subject").getAnnotation(org.openjdk.jmh.annotations.Param.class)
                    .value();
            assertArrayEquals(UnitSubjects.NAMES.toArray(), listed, benchmark.getSimpleName());
        }
    }

    @Test
    void everyRangeIsAPowerOfTwoWhoseHalfAFillBatchDivides() throws NoSuchFieldException {
        for (Class<?> benchmark : new Class<?>[] {SingleUnitFill.class, SingleUnitChurn.class}) {
            for (String units : benchmark.getField("units").getAnnotation(org.openjdk.jmh.annotations.Param.class)
                    .value()) {
                assertEquals(1, Integer.bitCount(Integer.parseInt(units)), benchmark.getSimpleName());
                assertEquals(0, Integer.parseInt(units) / 2 % SingleUnitFill.BATCH, benchmark.getSimpleName());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bitmap-id", "bitmap-page", "bitset-scan", "bitset-hint"})
    void churnHandsBackTheUnitItFreedForEverySubject(String name) {
        SingleUnitChurn churn = new SingleUnitChurn();
        churn.subject = name;
        churn.units = 1 << 17;
        churn.setUp();
        for (int pair = 0; pair < 10_000; pair++) {
            int unit = churn.churn();
            assertTrue(unit >= 0 && unit < 1 << 16, name + " unit " + unit);
        }
    }

    @Test
    void churnRefusesARangeThatIsNotAPowerOfTwo() {
        SingleUnitChurn churn = new SingleUnitChurn();
        churn.subject = "bitmap-id";
        churn.units = 3 << 16;
        assertThrows(IllegalArgumentException.class, churn::setUp);
    }
}
