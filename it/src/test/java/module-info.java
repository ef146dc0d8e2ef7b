/**
 * The integration tests: a stranger's module. At compile time it reads the api and the test tools only; every
 * allocator it exercises is found at run time by name, the way an application embedding the library finds
 * them. Open so JUnit can reach the test classes.
 */
open module dev.allocator.it {
    requires dev.allocator.api;
    requires dev.allocator.tck;
    requires org.junit.jupiter.api;
}
