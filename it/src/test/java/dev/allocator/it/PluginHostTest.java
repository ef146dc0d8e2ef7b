package dev.allocator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stranger's host program ({@code src/plugin-host}, module {@code org.example.pluginhost}: the api and the tck,
 * no allocator) loads the third-party first-fit provider from a plugin folder while it runs, finds it by name,
 * passes the tck with it, drops it, and sees its class loader collected. A broken jar in the folder is named and
 * hides nothing. The same program works on the class path, with the plugin in the folder or dropped on the class
 * path. Each run is a child JVM of the running JDK whose paths do not hold the plugin.
 */
class PluginHostTest {
    static final String HOST = "org.example.pluginhost";
    static final String MAIN = HOST + ".PluginHost";
    static final String PLUGIN = "firstfit";

    static Path plugins;

    @BeforeAll
    static void buildThePluginFolder() throws IOException {
        plugins = PluginFixtures.pluginFolder(PluginFixtures.property("allocator.it.work").resolve("plugin-host"));
    }

    private static void assertTheHostCheckedAndUnloadedThePlugin(Processes.Result run, String where) {
        assertEquals(0, run.status, run.output);
        assertTrue(run.line("skipped").startsWith(PluginFixtures.BROKEN_JAR + ": "), run.output);
        String providers = run.line("providers");
        assertTrue(providers.contains("BYTE:" + PLUGIN) && providers.contains("BYTE:tlsf"),
                "the plugin beside the host's own: " + providers);
        assertEquals(PLUGIN + " in " + where, run.line("found"), run.output);
        assertTrue(run.line("allocated").endsWith("used 0 after the free"), run.output);
        assertTckPassed(run);
        assertTrue(run.line("unloaded").startsWith("class loader collected after "), run.output);
    }

    private static void assertTckPassed(Processes.Result run) {
        String tck = run.line("tck");
        assertTrue(tck.matches("[1-9][0-9]* passed, 0 failed, [0-9]+ skipped"), run.output);
    }

    /** Runs {@code PluginHost folder <plugins> firstfit} with the host and the libraries on one path. */
    private static Processes.Result hostWithThePluginFolder(boolean modulePath) throws IOException {
        String path = PluginFixtures.path(PluginFixtures.libraries(),
                PluginFixtures.property("allocator.it.plugin-host").toString());
        Processes.Result run = modulePath
                ? PluginFixtures.java("--module-path", path, "-m", HOST + "/" + MAIN, "folder", plugins.toString(),
                        PLUGIN)
                : PluginFixtures.java("--class-path", path, MAIN, "folder", plugins.toString(), PLUGIN);
        System.out.print("PluginHostTest on the " + (modulePath ? "module" : "class") + " path:\n" + run.output);
        return run;
    }

    @Test
    void onTheModulePathTheHostLoadsThePluginIntoALayerChecksItAndUnloadsIt() throws IOException {
        Processes.Result run = hostWithThePluginFolder(true);
        assertEquals("module dev.allocator.api", run.line("api"), run.output);
        assertTheHostCheckedAndUnloadedThePlugin(run, "module org.example.firstfit, a layer of its own");
    }

    @Test
    void onTheClassPathTheSameHostLoadsThePluginFolderIntoAClassLoaderChecksItAndUnloadsIt() throws IOException {
        Processes.Result run = hostWithThePluginFolder(false);
        assertEquals("the unnamed module (class path)", run.line("api"), run.output);
        assertTheHostCheckedAndUnloadedThePlugin(run, "the unnamed module (class path), a class loader of its own");
    }

    @Test
    void thePluginJarDroppedOnTheClassPathIsFoundByNameAndPassesTheTck() throws IOException {
        Path host = PluginFixtures.property("allocator.it.plugin-host");
        Processes.Result run = PluginFixtures.java(
                "--class-path", PluginFixtures.path(PluginFixtures.libraries(), host.toString(),
                        plugins.resolve(PluginFixtures.PLUGIN_JAR).toString()),
                MAIN, "static", PLUGIN);

        assertEquals(0, run.status, run.output);
        assertEquals(PLUGIN + " in the unnamed module (class path)", run.line("found"), run.output);
        assertTckPassed(run);
    }
}
