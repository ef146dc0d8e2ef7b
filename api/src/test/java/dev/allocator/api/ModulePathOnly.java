package dev.allocator.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Marks a test of the module path itself (the boot layer's providers, module descriptors, plugin layers that
 * require this module by name). Mutation testing (the {@code pit} profile) runs the tests on the class path and
 * sets {@code allocator.pit=true}; there such a test cannot hold, so it steps aside. Surefire always runs it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@DisabledIfSystemProperty(named = "allocator.pit", matches = "true",
        disabledReason = "PIT runs the tests on the class path")
@interface ModulePathOnly {
}
