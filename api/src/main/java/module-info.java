/**
 * The allocator interfaces, their errors and alignment helpers, and lookup of allocators by name.
 *
 * <p>Algorithms live in their own modules and are found at run time through
 * {@link dev.allocator.api.spi.AllocatorProvider}: put a provider's module on the module path (or its jar on
 * the class path) and {@link dev.allocator.api.Allocators} finds it by name; or load plugin jars while the program
 * runs with {@link dev.allocator.api.PluginFolder}, which puts them in a module layer of their own.
 */
module dev.allocator.api {
    exports dev.allocator.api;
    exports dev.allocator.api.spi;

    uses dev.allocator.api.spi.AllocatorProvider;
}
