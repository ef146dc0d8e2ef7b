package dev.allocator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.invocation.Invocation;
import org.mockito.stubbing.Answer;

/**
 * Every method of each allocator interface, found by reflection, is forwarded by its synchronized view exactly
 * once, with the same arguments and result, while the view's monitor is held.
 */
class SynchronizedWrappersTest {
    private static final AllocatorStats STATS = new AllocatorStats(10, 4, 6, 1, 1, 6);
    private static final AllocatorStats OTHER_STATS = new AllocatorStats(20, 0, 20, 0, 1, 20);
    private static final BlockVisitor VISITOR = (start, size, used) -> { };
    private static final Layout LAYOUT = Layout.of(24, 8);

    static Stream<Arguments> methods() {
        List<Arguments> cases = new ArrayList<>();
        add(cases, ByteAllocator.class, d -> Allocators.synchronizedByteAllocator((ByteAllocator) d));
        add(cases, PageAllocator.class, d -> Allocators.synchronizedPageAllocator((PageAllocator) d));
        add(cases, IdAllocator.class, d -> Allocators.synchronizedIdAllocator((IdAllocator) d));
        return cases.stream();
    }

    /** Adds a case per method, in signature order: getMethods() has no fixed order, and PIT finds cases by index. */
    private static void add(List<Arguments> cases, Class<?> type, Function<Object, Object> wrap) {
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(SynchronizedWrappersTest::signature));
        for (Method method : methods) {
            if (!Modifier.isStatic(method.getModifiers())) {
                cases.add(Arguments.of(type.getSimpleName() + "." + signature(method), type, wrap, method));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void forwardsOnceUnderTheLock(String name, Class<?> type, Function<Object, Object> wrap, Method method)
            throws Exception {
        Object[] wrapper = new Object[1];
        List<Boolean> lockHeld = new ArrayList<>();
        Answer<Object> answer = invocation -> {
            lockHeld.add(Thread.holdsLock(wrapper[0]));
            return resultFor(invocation.getMethod().getReturnType());
        };
        Object delegate = mock(type, answer);
        wrapper[0] = wrap.apply(delegate);
        Object[] args = argumentsFor(method);

        Object result = method.invoke(wrapper[0], args);

        Collection<Invocation> invocations = mockingDetails(delegate).getInvocations();
        assertEquals(1, invocations.size(), () -> name + " reached the delegate " + invocations);
        Invocation only = invocations.iterator().next();
        assertEquals(signature(method), signature(only.getMethod()));
        assertEquals(Arrays.asList(args), Arrays.asList(only.getArguments()));
        assertEquals(List.of(true), lockHeld, name + " must hold the wrapper's monitor");
        assertEquals(resultFor(method.getReturnType()), result);
    }

    /** The same calls with other answers (false, -1, other stats): a view returns what it got, not a constant. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void returnsWhateverTheDelegateAnswers(String name, Class<?> type, Function<Object, Object> wrap, Method method)
            throws Exception {
        Object delegate = mock(type, invocation -> otherResultFor(invocation.getMethod().getReturnType()));
        Object result = method.invoke(wrap.apply(delegate), argumentsFor(method));
        assertEquals(otherResultFor(method.getReturnType()), result, name);
    }

    @org.junit.jupiter.api.Test
    void lockIsNotHeldAfterTheCall() {
        ByteAllocator wrapper = Allocators.synchronizedByteAllocator(mock(ByteAllocator.class));
        wrapper.alloc(8, 8);
        assertFalse(Thread.holdsLock(wrapper));
        assertTrue(wrapper.toString().startsWith("synchronized "));
    }

    private static String signature(Method method) {
        return method.getName() + Arrays.toString(method.getParameterTypes());
    }

    private static Object[] argumentsFor(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (types[i] == long.class) {
                args[i] = 100L + i;
            } else if (types[i] == Layout.class) {
                args[i] = LAYOUT;
            } else if (types[i] == BlockVisitor.class) {
                args[i] = VISITOR;
            } else {
                throw new AssertionError("no test argument for " + types[i] + " in " + method);
            }
        }
        return args;
    }

    private static Object otherResultFor(Class<?> type) {
        if (type == long.class) {
            return -1L;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == AllocatorStats.class) {
            return OTHER_STATS;
        }
        return resultFor(type);
    }

    private static Object resultFor(Class<?> type) {
        if (type == long.class) {
            return 42L;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == AllocatorStats.class) {
            return STATS;
        }
        if (type == void.class) {
            return null;
        }
        throw new AssertionError("no test result for " + type);
    }
}
