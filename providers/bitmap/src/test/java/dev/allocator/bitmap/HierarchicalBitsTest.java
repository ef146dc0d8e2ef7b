package dev.allocator.bitmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HierarchicalBitsTest {
    private static final long SEED = 0xB175_0018L;

    @Test
    void anEmptySetHasNoFirstAndNoNext() {
        HierarchicalBits bits = new HierarchicalBits(5000);
        assertTrue(bits.isEmpty());
        assertEquals(-1, bits.first());
        assertEquals(-1, bits.next(0));
        assertEquals(-1, bits.next(4999));
        assertEquals(-1, bits.next(5000));
    }

    @Test
    void setReportsWhetherTheIndexWasNew() {
        HierarchicalBits bits = new HierarchicalBits(100);
        assertTrue(bits.set(70));
        assertFalse(bits.set(70));
        assertTrue(bits.get(70));
        bits.clear(70);
        assertFalse(bits.get(70));
        assertTrue(bits.isEmpty());
    }

    @Test
    void levelsGrowByFactorsOf64() {
        assertEquals(8, new HierarchicalBits(64).metadataBytes());
        assertEquals(2 * 8 + 8, new HierarchicalBits(65).metadataBytes());
        assertEquals(64 * 8 + 8, new HierarchicalBits(4096).metadataBytes());
        assertEquals(65 * 8 + 2 * 8 + 8, new HierarchicalBits(4097).metadataBytes());
        assertThrows(IllegalArgumentException.class, () -> new HierarchicalBits(0));
    }

    @Test
    void randomChangesAgreeWithABitSet() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int size : new int[] {1, 63, 64, 65, 4095, 4096, 4097, 300_000}) {
            HierarchicalBits bits = new HierarchicalBits(size);
            BitSet model = new BitSet(size);
            for (int step = 0; step < 3000; step++) {
                int index = random.nextInt(size);
                switch (random.nextInt(8)) {
                    case 0:
                        int end = (int) Math.min(size, index + 1L + random.nextInt(200));
                        bits.clearRange(index, end);
                        model.clear(index, end);
                        break;
                    case 1:
                    case 2:
                    case 3:
                        bits.clear(index);
                        model.clear(index);
                        break;
                    default:
                        assertEquals(!model.get(index), bits.set(index));
                        model.set(index);
                }
                String where = "seed " + SEED + " size " + size + " step " + step;
                assertEquals(model.isEmpty(), bits.isEmpty(), where);
                assertEquals(model.isEmpty() ? -1 : model.nextSetBit(0), bits.first(), where);
                int from = random.nextInt(size);
                assertEquals(model.nextSetBit(from), bits.next(from), where + " next(" + from + ")");
                assertEquals(model.get(from), bits.get(from), where);
            }
            bits.clearAll();
            assertTrue(bits.isEmpty());
            assertEquals(-1, bits.next(0));
            for (int index = 0; index < size; index++) {
                assertFalse(bits.get(index), "clearAll left index " + index);
            }
            bits.setAll();
            assertEquals(0, bits.first());
            assertEquals(size - 1, bits.next(size - 1));
            assertTrue(bits.get(size - 1));
        }
    }
}
