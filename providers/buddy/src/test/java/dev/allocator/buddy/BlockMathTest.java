package dev.allocator.buddy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BlockMathTest {
    @Test
    void requestRoundsToTheLargestOfPowerOfTwoAlignAndMinBlock() {
        assertEquals(13, BlockMath.requestOrder(4160, 8, 4)); // 4,160 B takes 8 KiB
        assertEquals(12, BlockMath.requestOrder(4096, 8, 4)); // exact powers stay
        assertEquals(4, BlockMath.requestOrder(0, 1, 4)); // size 0: the minimum block
        assertEquals(4, BlockMath.requestOrder(3, 2, 4)); // min-block dominates
        assertEquals(10, BlockMath.requestOrder(8, 1024, 4)); // align dominates
        assertEquals(0, BlockMath.requestOrder(1, 1, 0));
        assertEquals(62, BlockMath.requestOrder(1L << 62, 1, 4));
        assertEquals(BlockMath.TOO_LARGE, BlockMath.requestOrder((1L << 62) + 1, 1, 4));
    }

    @Test
    void carvingBoundsRoundInwardToMinBlock() {
        assertEquals(48, BlockMath.carveStart(48, 200, 4));
        assertEquals(64, BlockMath.carveStart(50, 200, 4));
        assertEquals(192, BlockMath.carveEnd(200, 4));
        assertEquals(20, BlockMath.carveStart(17, 20, 4)); // no whole block fits: start = end
        assertEquals(Long.MAX_VALUE, BlockMath.carveStart(Long.MAX_VALUE - 3, Long.MAX_VALUE, 4)); // no overflow
    }

    @Test
    void carvedBlocksAreMaximalAlignedAndCappedByMaxOrder() {
        assertEquals(4, BlockMath.carveOrder(48, 192, 32)); // 48 is 16-aligned only
        assertEquals(6, BlockMath.carveOrder(64, 192, 32)); // 64-aligned, 128 bytes left: 64
        assertEquals(6, BlockMath.carveOrder(128, 192, 32));
        assertEquals(31, BlockMath.carveOrder(0, 1L << 40, 32)); // capped at 2^31
        assertEquals(40, BlockMath.carveOrder(0, 1L << 40, 62));
    }
}
