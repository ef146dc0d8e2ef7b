/** The records module with its unit tests patched in. */
open module dev.allocator.records {
    exports dev.allocator.records;

    requires org.junit.jupiter.api;
}
