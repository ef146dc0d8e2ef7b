/**
 * Block records for the allocators of this project: {@link dev.allocator.records.RecordStore} (records that never
 * move), {@link dev.allocator.records.AddressIndex} (records found by start address) and
 * {@link dev.allocator.records.RecordLists} (lists threaded through the records). Primitive arrays only, no
 * dependencies. Exported only to the allocator modules: it is their shared bookkeeping, not an API.
 */
@SuppressWarnings("module") // the target modules are built after this one
module dev.allocator.records {
    exports dev.allocator.records to dev.allocator.tlsf, dev.allocator.buddy, dev.allocator.memory;
}
