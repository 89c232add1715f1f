#if canImport(Glibc)
import Glibc
#endif

/// A Unix stream socket bound at `path` that nobody accepts on: a stand-in for a daemon that left its socket
/// file behind (closed) or is still starting (listening, not accepting). Returns the descriptor, or -1.
func boundSocket(at path: String, listening: Bool) -> CInt {
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { bytes in
        for (index, byte) in path.utf8.enumerated() { bytes[index] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard bound == 0, !listening || listen(descriptor, 8) == 0 else {
        close(descriptor)
        return -1
    }
    return descriptor
}
