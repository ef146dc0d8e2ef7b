package dev.allocator.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * The one place that touches {@code sun.misc.Unsafe}: malloc/free for the malloc peer and the native address of a
 * direct {@link ByteBuffer} for {@link ByteBufferSlices}. Netty does the same internally.
 *
 * <p>{@code Unsafe} is reached by reflection and called through method handles held in {@code static final}
 * fields, which the JIT inlines like direct calls, so that the source never names the type: javac warns on every
 * mention of {@code sun.misc.Unsafe} ("internal proprietary API") and no {@code @SuppressWarnings} silences it.
 */
final class UnsafeAccess {
    private static final Object UNSAFE = load();
    private static final MethodHandle ALLOCATE_MEMORY = bound("allocateMemory", long.class, long.class);
    private static final MethodHandle FREE_MEMORY = bound("freeMemory", void.class, long.class);
    private static final MethodHandle GET_LONG = bound("getLong", long.class, Object.class, long.class);
    private static final long BUFFER_ADDRESS_OFFSET = bufferAddressOffset();

    private UnsafeAccess() {
    }

    /** {@code Unsafe.allocateMemory}: {@code size} bytes of the C heap. */
    static long allocateMemory(long size) {
        try {
            return (long) ALLOCATE_MEMORY.invokeExact(size);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Unsafe.freeMemory}: frees what {@link #allocateMemory(long)} returned. */
    static void freeMemory(long address) {
        try {
            FREE_MEMORY.invokeExact(address);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The native address of the first byte of a direct buffer (its position 0). */
    static long address(ByteBuffer directBuffer) {
        try {
            return (long) GET_LONG.invokeExact((Object) directBuffer, BUFFER_ADDRESS_OFFSET);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object load() {
        try {
            Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The Unsafe method {@code name} bound to the instance, as a handle of type {@code (parameters)returns}. */
    private static MethodHandle bound(String name, Class<?> returns, Class<?>... parameters) {
        try {
            return MethodHandles.lookup().findVirtual(UNSAFE.getClass(), name, MethodType.methodType(returns,
                    parameters)).bindTo(UNSAFE);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** objectFieldOffset is deprecated for removal on JDK 23+; fine for a benchmark. */
    private static long bufferAddressOffset() {
        try {
            MethodHandle offset = bound("objectFieldOffset", long.class, Field.class);
            return (long) offset.invokeExact(Buffer.class.getDeclaredField("address"));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
