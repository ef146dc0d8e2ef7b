package dev.allocator.api;

import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.lang.module.ResolvedModule;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the module layer of a plugin folder: every jar a module, every module a root, one class loader per module,
 * resolved against a parent layer that holds the api.
 *
 * <p>One bad jar must not hide the others, but {@link ModuleFinder#of(Path...)} over the folder fails as a whole
 * on the first unreadable jar, and resolution fails as a whole on the first missing dependency. So each jar is read
 * on its own, and if the whole set does not resolve, the modules are added one at a time (in name order), each
 * kept only if the set still resolves and defines; every jar left out becomes a {@link PluginProblem}.
 */
final class PluginLayers {
    private PluginLayers() {
    }

    /**
     * Defines a child layer of {@code parent} holding the modules of {@code jars} that load; adds a problem for
     * each jar that does not.
     *
     * @param jars         the jars of the folder, in the order to report them
     * @param parent       the layer the plugins resolve against
     * @param parentLoader the parent of the new class loaders
     * @param problems     receives one entry per jar left out
     * @return the new layer, empty if no jar loads
     */
    static ModuleLayer define(List<Path> jars, ModuleLayer parent, ClassLoader parentLoader,
                              List<PluginProblem> problems) {
        Map<String, ModuleReference> modules = new TreeMap<>();
        Map<String, Path> jarOf = new HashMap<>();
        for (Path jar : jars) {
            Set<ModuleReference> found;
            try {
                found = ModuleFinder.of(jar).findAll();
            } catch (FindException e) {
                problems.add(new PluginProblem(jar, reason(e)));
                continue;
            }
            if (found.size() != 1) {
                problems.add(new PluginProblem(jar, "holds " + found.size() + " modules, not one"));
                continue;
            }
            ModuleReference module = found.iterator().next();
            String name = module.descriptor().name();
            Optional<Module> loaded = parent.findModule(name);
            if (jarOf.containsKey(name)) {
                problems.add(new PluginProblem(jar, "module " + name + " is also in "
                        + jarOf.get(name).getFileName() + ", which is used"));
            } else if (loaded.isPresent()) {
                problems.add(new PluginProblem(jar, "module " + name + " is already loaded by the host"
                        + where(parent, name) + "; a plugin cannot replace it"));
            } else {
                modules.put(name, module);
                jarOf.put(name, jar);
            }
        }
        ModuleFinder finder = finderOf(modules);
        try {
            return define(finder, modules.keySet(), parent, parentLoader);
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            // fall through: find the modules that are to blame, one at a time
        }
        Set<String> kept = new TreeSet<>();
        ModuleLayer layer = define(finder, kept, parent, parentLoader);
        for (String name : modules.keySet()) {
            Set<String> trial = new TreeSet<>(kept);
            trial.add(name);
            try {
                layer = define(finder, trial, parent, parentLoader);
                kept.add(name);
            } catch (FindException | ResolutionException | LayerInstantiationException e) {
                problems.add(new PluginProblem(jarOf.get(name), reason(e)));
            }
        }
        return layer;
    }

    private static ModuleLayer define(ModuleFinder finder, Set<String> roots, ModuleLayer parent,
                                      ClassLoader parentLoader) {
        Configuration configuration = parent.configuration().resolve(finder, ModuleFinder.of(), roots);
        return parent.defineModulesWithManyLoaders(configuration, parentLoader);
    }

    /** A finder over modules already read, so no jar is read twice and none fails a second time. */
    private static ModuleFinder finderOf(Map<String, ModuleReference> modules) {
        Set<ModuleReference> all = Set.copyOf(modules.values());
        return new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String name) {
                return Optional.ofNullable(modules.get(name));
            }

            @Override
            public Set<ModuleReference> findAll() {
                return all;
            }
        };
    }

    private static String where(ModuleLayer parent, String name) {
        return parent.configuration().findModule(name)
                .map(ResolvedModule::reference)
                .flatMap(ModuleReference::location)
                .map(location -> " (from " + location + ")")
                .orElse("");
    }

    /** The exception's message and its causes', which say what is wrong inside the jar. */
    static String reason(Throwable error) {
        StringBuilder reason = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            reason.append(": ").append(cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage());
        }
        return reason.toString();
    }
}
