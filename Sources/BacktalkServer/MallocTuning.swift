#if canImport(Glibc)
import Glibc
#endif

/// glibc's allocator tuned for a long-running server, so that its resident memory follows what it uses
/// rather than its peaks: at most two malloc arenas (one per thread by default: each keeps the high-water
/// mark of its own bursts), and a fixed 128 KiB mmap threshold (by default it rises after each large
/// block is freed, so later large buffers, such as a pipelining client's, stay in the heap).
enum MallocTuning {
    private static let arenaMaximum: Int32 = -8  // M_ARENA_MAX in <malloc.h>
    private static let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD

    /// Applies the tuning (nothing without glibc); call it once, early. `mallopt` is looked up at run
    /// time, because Swift's Glibc module does not declare it.
    static func apply() {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(arenaMaximum, 2)
        _ = mallopt(mmapThreshold, 128 * 1024)
        #endif
    }
}
