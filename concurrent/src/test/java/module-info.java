/** The concurrent module with its tests patched in; the algorithms are found at run time by name. */
open module dev.allocator.concurrent {
    requires transitive dev.allocator.api;

    exports dev.allocator.concurrent;

    requires org.junit.jupiter.api;
    requires dev.allocator.tck;
    requires jdk.management;
}
