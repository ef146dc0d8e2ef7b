package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Which allocators the forked failure-atomicity check can reach: those on this JVM's own paths only. */
class MetadataFailureCheckTest {
    @Test
    void classesOnTheJvmsPathsAreReachableByAFork() {
        assertTrue(MetadataFailureCheck.onThisJvmsPath(MetadataFailureCheck.class));
        assertTrue(MetadataFailureCheck.onThisJvmsPath(String.class));
    }

    @Test
    void aClassLoadedAtRunTimeByAnotherLoaderIsNot() throws Exception {
        URL classes = MetadataFailureCheckTest.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader plugins = new URLClassLoader(new URL[] {classes}, null)) {
            Class<?> loadedAgain = plugins.loadClass(MetadataFailureCheckTest.class.getName());
            assertFalse(MetadataFailureCheck.onThisJvmsPath(loadedAgain), loadedAgain.getClassLoader().toString());
        }
    }
}
