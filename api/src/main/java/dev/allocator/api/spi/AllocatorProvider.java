package dev.allocator.api.spi;

import dev.allocator.api.BaseAllocator;
import java.util.Map;

/**
 * A named factory of allocators, found at run time through {@link java.util.ServiceLoader}.
 *
 * <p>Register an implementation both ways: {@code provides dev.allocator.api.spi.AllocatorProvider with ...} in
 * {@code module-info.java} (module path) and a line in
 * {@code META-INF/services/dev.allocator.api.spi.AllocatorProvider} (class path). It needs a public no-argument
 * constructor and must be cheap to create: {@link dev.allocator.api.Allocators} instantiates every provider to
 * learn its name, but creates an allocator only when asked.
 */
public interface AllocatorProvider {
    /**
     * Returns the name users look this provider up by, such as {@code "tlsf"}. Lower case; matched
     * case-insensitively; unique within its {@link #kind()}.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the kind of allocator {@link #create(AllocatorOptions)} makes.
     *
     * @return the kind
     */
    AllocatorKind kind();

    /**
     * Returns every option this provider takes, with its default value. A key not in this map is rejected
     * before {@link #create(AllocatorOptions)} is called.
     *
     * @return an immutable map, option key to default value
     */
    Map<String, String> defaults();

    /**
     * Creates a new, uninitialised allocator.
     *
     * @param options every key of {@link #defaults()}, defaults filled in where the caller gave none
     * @return a new allocator implementing {@link AllocatorKind#type()} of {@link #kind()}
     * @throws dev.allocator.api.AllocException INVALID_PARAM if an option's value is not acceptable
     */
    BaseAllocator create(AllocatorOptions options);

    /**
     * Returns one line saying what this provider's allocators are, for listings.
     *
     * @return a short description
     */
    default String description() {
        return kind() + " allocator " + name();
    }
}
