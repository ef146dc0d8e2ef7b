package dev.allocator.api;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * Allocator plugins loaded at run time from a folder of jars, and the lookup that finds them by name beside the
 * host's own allocators.
 *
 * <pre>{@code
 * try (PluginFolder plugins = PluginFolder.open(Path.of("plugins"))) {
 *     plugins.problems().forEach(problem -> log.warn("plugin skipped: " + problem));
 *     ByteAllocator heap = plugins.lookup().byteAllocator("firstfit");
 *     ...
 * }
 * // drop every reference to plugins, its lookup and the allocators made from it: the plugins unload
 * }</pre>
 *
 * <p><b>Module path</b> (this api in a named module): every {@code *.jar} directly in the folder becomes a module
 * of a new child layer of the api's layer (the boot layer, for an application on the module path), all of them
 * roots, <b>each module with a class loader of its own</b> ({@link ModuleLayer#defineModulesWithManyLoaders}), so
 * plugins that happen to share a package name do not clash. A jar without {@code module-info.class} is an automatic
 * module and is found through its {@code META-INF/services} file. The lookup sees the plugins and the modules of the
 * parent layers.
 *
 * <p><b>Class path</b> (this api in the unnamed module): the jars go on one new {@link URLClassLoader} whose parent is
 * the api's loader, and the lookup reads their {@code META-INF/services} files beside the host's.
 *
 * <p>A jar that cannot be used (not a jar, a bad descriptor, a module already loaded, a dependency missing) is left
 * out and listed in {@link #problems()} by file name; the other jars load without it. Other files and subfolders
 * are ignored.
 *
 * <p>Nothing static refers to a plugin folder: once the folder object, its lookup, its layer and every allocator
 * made from it are unreachable, the plugins' class loaders can be collected. {@link #close()} also closes the jar
 * files of a class-path folder; on the module path the JDK closes them when the layer is collected.
 *
 * <p>Immutable once opened, and thread safe.
 */
public final class PluginFolder implements AutoCloseable {
    private final Path folder;
    private final ModuleLayer layer;
    private final URLClassLoader classPathLoader;
    private final List<PluginProblem> problems;
    private final AllocatorLookup lookup;

    private PluginFolder(Path folder, ModuleLayer layer, URLClassLoader classPathLoader, List<PluginProblem> problems,
                         AllocatorLookup lookup) {
        this.folder = folder;
        this.layer = layer;
        this.classPathLoader = classPathLoader;
        this.problems = List.copyOf(problems);
        this.lookup = lookup;
    }

    /**
     * Loads the plugins of a folder: into a child layer of the api's own module layer on the module path, into a
     * class loader on the class path.
     *
     * @param folder a folder of plugin jars
     * @return the loaded plugins
     * @throws NullPointerException  if {@code folder} is null
     * @throws IOException           if the folder does not exist ({@link java.nio.file.NoSuchFileException}), is not
     *                               a folder ({@link NotDirectoryException}) or cannot be listed
     * @throws IllegalStateException if the api is in a named module that belongs to no layer
     */
    public static PluginFolder open(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Module api = PluginFolder.class.getModule();
        if (!api.isNamed()) {
            return onClassPath(folder, jarsIn(folder));
        }
        ModuleLayer apiLayer = api.getLayer();
        if (apiLayer == null) {
            throw new IllegalStateException(api + " belongs to no module layer: plugins cannot resolve against it");
        }
        return open(folder, apiLayer);
    }

    /**
     * Loads the plugins of a folder into a child layer of {@code parent}, for a host that keeps the api, and
     * perhaps modules the plugins need, in a layer of its own.
     *
     * @param folder a folder of plugin jars
     * @param parent the layer to resolve the plugins against; it, or one of its parents, must hold this api module
     * @return the loaded plugins
     * @throws NullPointerException     if {@code folder} or {@code parent} is null
     * @throws IOException              if the folder does not exist, is not a folder or cannot be listed
     * @throws IllegalArgumentException if {@code parent} does not hold this api module: the plugins would see
     *                                  another copy of the api's types
     * @throws IllegalStateException    if this api is on the class path, where it is in no layer (use
     *                                  {@link #open(Path)})
     */
    public static PluginFolder open(Path folder, ModuleLayer parent) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(parent, "parent");
        Module api = PluginFolder.class.getModule();
        if (!api.isNamed()) {
            throw new IllegalStateException("the api is on the class path, in no module layer: plugins cannot"
                    + " resolve against it; use PluginFolder.open(folder), which loads them on the class path");
        }
        if (parent.findModule(api.getName()).filter(found -> found == api).isEmpty()) {
            throw new IllegalArgumentException("module layer [" + parent + "] does not hold the module "
                    + api.getName() + " this class belongs to (" + api + "): plugins resolved against it would"
                    + " not share the api's types");
        }
        List<Path> jars = jarsIn(folder);
        List<PluginProblem> problems = new ArrayList<>();
        ModuleLayer layer = PluginLayers.define(jars, parent, PluginFolder.class.getClassLoader(), problems);
        String scope = "plugin folder " + folder + " (" + AllocatorLookup.describe(layer) + ")";
        return new PluginFolder(folder, layer, null, problems, AllocatorLookup.inLayer(layer, scope, problems));
    }

    private static PluginFolder onClassPath(Path folder, List<Path> jars) throws IOException {
        List<PluginProblem> problems = new ArrayList<>();
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                new JarFile(jar.toFile()).close();
                urls.add(jar.toUri().toURL());
            } catch (IOException e) {
                problems.add(new PluginProblem(jar, "not a readable jar: " + PluginLayers.reason(e)));
            }
        }
        URLClassLoader loader = new URLClassLoader("plugins " + folder, urls.toArray(URL[]::new),
                PluginFolder.class.getClassLoader());
        String scope = "plugin folder " + folder + " (class path) and the host's class path";
        return new PluginFolder(folder, null, loader, problems, AllocatorLookup.throughLoader(loader, scope, problems));
    }

    private static List<Path> jarsIn(Path folder) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new NotDirectoryException(folder.toString());
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    jars.add(entry);
                }
            }
        }
        jars.sort(Comparator.comparing(Path::getFileName));
        return jars;
    }

    /**
     * Returns the lookup of the plugins and the host's own allocators: names are matched as by {@link Allocators},
     * and an unknown name's message names this folder and the problems met loading it.
     *
     * @return the lookup
     */
    public AllocatorLookup lookup() {
        return lookup;
    }

    /**
     * Returns the layer the plugins were defined in (module path), or empty when they were loaded on the class
     * path.
     *
     * @return the plugins' layer
     */
    public Optional<ModuleLayer> layer() {
        return Optional.ofNullable(layer);
    }

    /**
     * Returns the jars left out, in the folder's name order for unreadable ones, then in module name order for
     * those that did not resolve.
     *
     * @return an immutable list, empty when every jar loaded
     */
    public List<PluginProblem> problems() {
        return problems;
    }

    /**
     * Returns the folder the plugins came from.
     *
     * @return the folder, as given
     */
    public Path folder() {
        return folder;
    }

    /**
     * Closes the jar files of a class-path folder; does nothing on the module path. Allocators already made keep
     * working only with classes already loaded: close when you are done with the plugins.
     *
     * @throws IOException if a jar file cannot be closed
     */
    @Override
    public void close() throws IOException {
        if (classPathLoader != null) {
            classPathLoader.close();
        }
    }

    @Override
    public String toString() {
        return "PluginFolder[" + lookup.scope() + ", " + problems.size() + " skipped]";
    }
}
