package dev.allocator.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A jar of a plugin folder that was left out, and why: it is not a readable jar or module, its module is already
 * loaded, or it does not resolve (a module it requires is missing, say). The other plugins of the folder load
 * without it. {@link PluginFolder#problems()} lists them; an unknown-name error of the folder's lookup shows them.
 *
 * @param jar    the jar, as found in the folder
 * @param reason what is wrong with it, from the JDK's own message (for example
 *               {@code "Module com.example.missing not found, required by org.example.plugin"})
 */
public record PluginProblem(Path jar, String reason) {
    /**
     * Checks the components.
     *
     * @param jar    the jar
     * @param reason what is wrong
     * @throws NullPointerException if either is null
     */
    public PluginProblem {
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Returns the jar's file name and the reason, as {@code "broken.jar: ..."}.
     *
     * @return one line
     */
    @Override
    public String toString() {
        return jar.getFileName() + ": " + reason;
    }
}
