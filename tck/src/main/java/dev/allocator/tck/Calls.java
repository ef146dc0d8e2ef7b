package dev.allocator.tck;

import dev.allocator.api.AllocError;
import dev.allocator.api.spi.AllocatorKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Making the calls an {@link Op} stands for (on the allocator, or on a replayed copy), and writing them as Java. */
final class Calls {
    private Calls() {
    }

    /** Does the call; returns the address allocated, 1/0 for tryResize, 0 otherwise. */
    static long execute(Subject target, Op op, Binding binding) {
        switch (op.type()) {
            case INIT:
                target.init(op.a(), op.b());
                return 0;
            case ADD_MEMORY:
                target.addMemory(op.a(), op.b());
                return 0;
            case ALLOC:
                return target.alloc(op.a(), op.b());
            case TRY_ALLOC:
                return target.tryAlloc(op.a(), op.b());
            case ALLOC_AT:
                return target.allocAt(op.a(), op.b(), op.c());
            case FREE:
                target.dealloc(binding.pos, binding.size, binding.align);
                return 0;
            case FREE_SIZE:
                target.dealloc(binding.pos, op.a(), binding.align);
                return 0;
            case FREE_OFFSET:
                target.dealloc(binding.pos + op.a(), binding.size, binding.align);
                return 0;
            case FREE_AT:
                target.dealloc(op.a(), op.b(), op.c());
                return 0;
            case RESIZE:
                return target.tryResize(binding.pos, binding.size, op.a(), binding.align) ? 1 : 0;
            case RESET:
                target.reset();
                return 0;
            default:
                throw new IllegalStateException(op.toString());
        }
    }

    /** A fresh allocator that got the same calls (results and exceptions ignored). */
    static Subject replay(Supplier<Subject> factory, List<Op> ops) {
        Subject copy = factory.get();
        Map<Integer, Binding> copyBindings = new HashMap<>();
        for (Op op : ops) {
            Binding binding = op.refersToBlock() ? copyBindings.get(op.id()) : null;
            if (op.refersToBlock() && binding == null) {
                continue;
            }
            try {
                long value = execute(copy, op, binding);
                if (op.allocates() && value >= 0) {
                    long size = op.type() == Op.Type.ALLOC_AT ? op.b() : op.a();
                    long align = op.type() == Op.Type.ALLOC_AT ? op.c() : op.b();
                    copyBindings.put(op.id(), new Binding(value, size, align));
                } else if (op.type() == Op.Type.RESIZE && value == 1) {
                    binding.size = op.a();
                }
            } catch (RuntimeException e) {
                // the original got the same exception (the copy is replayed, not checked)
            }
        }
        return copy;
    }

    static String render(Subject subject, Op op, Binding binding) {
        String variable = "b" + op.id();
        switch (op.type()) {
            case INIT:
                return "a.init(" + Op.lit(op.a()) + ", " + Op.lit(op.b()) + ")";
            case ADD_MEMORY:
                return "a.addMemory(" + Op.lit(op.a()) + ", " + Op.lit(op.b()) + ")";
            case ALLOC:
                return "long " + variable + " = " + subject.renderAlloc(op.a(), op.b());
            case TRY_ALLOC:
                return "long " + variable + " = " + subject.renderTryAlloc(op.a(), op.b());
            case ALLOC_AT:
                return "long " + variable + " = " + (subject.kind() == AllocatorKind.ID ? Op.lit(op.a()) + "; " : "")
                        + subject.renderAllocAt(Op.lit(op.a()), op.b(), op.c());
            case FREE:
                return subject.renderDealloc(variable, binding.size, binding.align);
            case FREE_SIZE:
                return subject.renderDealloc(variable, op.a(), binding.align);
            case FREE_OFFSET:
                return subject.renderDealloc(variable + " + " + Op.lit(op.a()), binding.size, binding.align);
            case FREE_AT:
                return subject.renderDealloc(Op.lit(op.a()), op.b(), op.c());
            case RESIZE:
                return subject.renderResize(variable, binding.size, op.a(), binding.align);
            case RESET:
                return "a.reset()";
            default:
                throw new IllegalStateException(op.toString());
        }
    }

    static String rejectedLine(Op op, String call, AllocError rejected) {
        if (op.type() == Op.Type.TRY_ALLOC && rejected == AllocError.NO_MEMORY) {
            return call + "; // NO_BLOCK";
        }
        return "assertThrows(AllocException.class, () -> " + expression(op, call) + "); // " + rejected;
    }

    /** The call without the assignment of its result ({@code a.alloc(8L, 8L)}, {@code a.allocFixedId(b3)}). */
    static String expression(Op op, String call) {
        String expression = call;
        int assignment = call.indexOf(" = ");
        if (op.allocates() && assignment >= 0) {
            expression = call.substring(assignment + 3);
            int fixed = expression.indexOf("; ");
            if (fixed >= 0) {
                expression = expression.substring(fixed + 2);
            }
        }
        return expression;
    }
}
