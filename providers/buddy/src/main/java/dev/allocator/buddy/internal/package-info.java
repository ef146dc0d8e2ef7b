/**
 * Primitive-array building blocks shared by the buddy and slab allocators: an address-keyed hash map and
 * doubly linked lists of ids. Exported to {@code dev.allocator.slab} only; not an API.
 */
package dev.allocator.buddy.internal;
