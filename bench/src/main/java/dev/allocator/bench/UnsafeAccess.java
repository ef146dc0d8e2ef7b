package dev.allocator.bench;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import sun.misc.Unsafe;

/**
 * The one place that touches {@code sun.misc.Unsafe}: malloc/free for the malloc peer and the native address of a
 * direct {@link ByteBuffer} for {@link ByteBufferSlices}. Netty does the same internally.
 */
final class UnsafeAccess {
    static final Unsafe UNSAFE = load();
    private static final long BUFFER_ADDRESS_OFFSET = bufferAddressOffset();

    private UnsafeAccess() {
    }

    /** The native address of the first byte of a direct buffer (its position 0). */
    static long address(ByteBuffer directBuffer) {
        return UNSAFE.getLong(directBuffer, BUFFER_ADDRESS_OFFSET);
    }

    private static Unsafe load() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("deprecation") // objectFieldOffset is deprecated for removal on JDK 23+; fine for a benchmark
    private static long bufferAddressOffset() {
        try {
            return UNSAFE.objectFieldOffset(Buffer.class.getDeclaredField("address"));
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
