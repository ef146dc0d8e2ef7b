/**
 * The smallest program that uses the library: linked by the jlink integration test into a runtime image with
 * only {@code java.base}, {@code dev.allocator.api} and one provider module. It requires the api alone; which
 * allocators exist is decided by which provider modules the image holds.
 */
module dev.allocator.it.probe {
    requires dev.allocator.api;
}
