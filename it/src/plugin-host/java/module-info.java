/**
 * A stranger's host program: it knows the api and the conformance kit, and no allocator. It loads allocator plugins
 * from a folder while it runs, finds one by name, checks it with the tck, drops it and shows that the plugin's class
 * loader was collected. The same code runs on the class path.
 */
module org.example.pluginhost {
    requires dev.allocator.api;
    requires dev.allocator.tck;
}
