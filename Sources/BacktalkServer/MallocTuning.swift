#if canImport(CSystemd)
internal import CSystemd
#endif

/// glibc's allocator tuned for a long-running server, so that its resident memory follows what it uses
/// rather than its peaks: at most two malloc arenas (one per thread by default: each keeps the high-water
/// mark of its own bursts), and a fixed 128 KiB mmap threshold (by default it rises after each large
/// block is freed, so later large buffers, such as a pipelining client's, stay in the heap).
public enum MallocTuning {
    /// Applies the tuning through `mallopt(3)` from `<malloc.h>` (nothing without glibc); call it once, before
    /// the knowledge base is loaded.
    public static func apply() {
        #if canImport(CSystemd)
        _ = mallopt(M_ARENA_MAX, 2)
        _ = mallopt(M_MMAP_THRESHOLD, 128 * 1024)
        #endif
    }

    /// Returns the free memory at the top of the heap and in free pages inside it to the system
    /// (`malloc_trim(3)`): call it after a burst of allocations is freed, such as loading a knowledge base.
    /// Without it glibc keeps the pages for later, and the resident size stays at the burst's peak.
    public static func returnFreedMemory() {
        #if canImport(CSystemd)
        _ = malloc_trim(0)
        #endif
    }
}
