package dev.allocator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.Allocators;
import dev.allocator.api.spi.AllocatorProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks the rules of the module graph on the modules as the JVM resolved them (module path run): the test
 * module sees the api and its test tools only, the api depends on nothing, and a provider depends on the api
 * (and on other providers at most, as slab on buddy, and on the shared records module, which depends on nothing
 * and provides nothing) and registers its providers both ways.
 */
class ModuleGraphTest {
    private static final Module SELF = ModuleGraphTest.class.getModule();

    private static Set<String> requires(ModuleDescriptor descriptor) {
        return descriptor.requires().stream().map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theTestModuleRequiresTheApiAndTestToolsOnly() {
        Set<String> allowed = Set.of("java.base", "dev.allocator.api", "dev.allocator.tck", "org.junit.jupiter.api");
        Set<String> required = requires(SELF.getDescriptor());
        assertTrue(allowed.containsAll(required), "dev.allocator.it requires " + required);
        assertTrue(required.contains("dev.allocator.api"), "dev.allocator.it requires " + required);
    }

    @Test
    void theTestModuleCannotReadAnyProviderModule() {
        for (AllocatorProvider provider : Allocators.providers()) {
            Module module = provider.getClass().getModule();
            assertTrue(module.isNamed(), provider.getClass() + " should be in a named module here");
            assertFalse(SELF.canRead(module), "dev.allocator.it reads " + module.getName());
        }
    }

    @Test
    void theApiRequiresNothingButJavaBaseAndUsesTheProviderService() {
        ModuleDescriptor api = Allocators.class.getModule().getDescriptor();
        assertEquals(Set.of("java.base"), requires(api));
        assertEquals(Set.of(AllocatorProvider.class.getName()), api.uses());
    }

    @Test
    void everyProviderModuleRequiresTheApiAndAtMostOtherProvidersAndTheRecords() {
        Set<String> providerModules = providerModules().stream().map(Module::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String name : providerModules) {
            ModuleDescriptor descriptor = ModuleLayer.boot().findModule(name).orElseThrow().getDescriptor();
            Set<String> required = requires(descriptor);
            required.removeAll(providerModules);
            required.remove(RECORDS);
            assertEquals(Set.of("java.base", "dev.allocator.api"), required, name + " requires");
            assertTrue(descriptor.provides().stream()
                    .anyMatch(p -> p.service().equals(AllocatorProvider.class.getName())), name + " provides");
        }
    }

    @Test
    void theSharedRecordsModuleRequiresNothingProvidesNothingAndExportsOnlyToAllocators() {
        ModuleDescriptor records = ModuleLayer.boot().findModule(RECORDS).orElseThrow().getDescriptor();
        assertEquals(Set.of("java.base"), requires(records));
        assertTrue(records.provides().isEmpty());
        assertTrue(records.exports().stream().allMatch(ModuleDescriptor.Exports::isQualified),
                "every export of " + RECORDS + " is qualified: " + records.exports());
        assertFalse(SELF.canRead(ModuleLayer.boot().findModule(RECORDS).orElseThrow()));
    }

    @Test
    void everyProviderModuleRegistersTheSameProvidersBothWays() throws IOException {
        String service = AllocatorProvider.class.getName();
        for (Module module : providerModules()) {
            Set<String> declared = new TreeSet<>();
            module.getDescriptor().provides().stream().filter(p -> p.service().equals(service))
                    .forEach(p -> declared.addAll(p.providers()));
            Set<String> listed = new TreeSet<>();
            try (InputStream in = module.getResourceAsStream("META-INF/services/" + service)) {
                assertNotNull(in, module.getName() + " has no META-INF/services/" + service + " for the class path");
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .map(line -> line.replaceFirst("#.*", "").trim()).filter(line -> !line.isEmpty())
                        .forEach(listed::add);
            }
            assertEquals(declared, listed, module.getName() + ": provides clause against META-INF/services");
        }
    }

    private static final String RECORDS = "dev.allocator.records";

    private static Set<Module> providerModules() {
        Set<Module> modules = new java.util.LinkedHashSet<>();
        Allocators.providers().forEach(provider -> modules.add(provider.getClass().getModule()));
        return modules;
    }
}
