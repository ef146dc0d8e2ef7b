/** A user's application: it requires the api only; the algorithms are found by name at run time. */
module org.example.consumer {
    requires dev.allocator.api;
}
