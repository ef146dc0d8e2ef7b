/**
 * A provider written by a "third party", outside the project's own providers: a tiny first-fit byte allocator.
 * It shows what a provider needs and nothing more: {@code requires dev.allocator.api}, a {@code provides} clause
 * (module path) and a {@code META-INF/services} line (class path). Nothing in the project names it; the
 * integration tests find it by name, next to the project's allocators, and run the tck on it.
 */
module org.example.firstfit {
    requires dev.allocator.api;

    provides dev.allocator.api.spi.AllocatorProvider with org.example.firstfit.FirstFitProvider;
}
