package dev.allocator.it;

import dev.allocator.api.Allocators;

/** Where the test run put the library: on the module path or on the class path (a Surefire execution each). */
enum TestPath {
    /** Every jar is a named module; ServiceLoader reads {@code provides} clauses. */
    MODULE,
    /** Every jar is in the unnamed module; ServiceLoader reads {@code META-INF/services}. */
    CLASS;

    /** The system property each Surefire execution sets: {@code module} or {@code class}. */
    static final String PROPERTY = "allocator.it.path";

    /**
     * Returns the path this run was configured for.
     *
     * @throws IllegalStateException if the property is missing or disagrees with where the api really is
     */
    static TestPath current() {
        String configured = System.getProperty(PROPERTY);
        boolean apiIsNamed = Allocators.class.getModule().isNamed();
        TestPath actual = apiIsNamed ? MODULE : CLASS;
        if (configured == null) {
            return actual;
        }
        TestPath expected = valueOf(configured.toUpperCase(java.util.Locale.ROOT));
        if (expected != actual) {
            throw new IllegalStateException(PROPERTY + "=" + configured + " but the api is in "
                    + Allocators.class.getModule());
        }
        return actual;
    }
}
