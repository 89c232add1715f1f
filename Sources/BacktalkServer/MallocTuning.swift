#if canImport(CSystemd)
internal import CSystemd
#endif

/// glibc's allocator tuned for a long-running server, so that its resident memory follows what it uses
/// rather than its peaks: at most two malloc arenas (one per thread by default: each keeps the high-water
/// mark of its own bursts), and a fixed 128 KiB mmap threshold (by default it rises after each large
/// block is freed, so later large buffers, such as a pipelining client's, stay in the heap).
enum MallocTuning {
    /// Applies the tuning through `mallopt(3)` from `<malloc.h>` (nothing without glibc); call it once, early.
    static func apply() {
        #if canImport(CSystemd)
        _ = mallopt(M_ARENA_MAX, 2)
        _ = mallopt(M_MMAP_THRESHOLD, 128 * 1024)
        #endif
    }
}
