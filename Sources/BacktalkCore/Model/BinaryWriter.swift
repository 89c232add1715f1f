#if _endian(big)
    #error("model files are little-endian: arrays are copied in the host's byte order")
#endif

/// Appends numbers and arrays of them in little-endian byte order, for ``ModelFile``. Arrays are written
/// as their count (UInt64) and their elements.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append(bytes more: [UInt8]) {
        bytes.append(contentsOf: more)
    }

    mutating func append<Number: FixedWidthInteger>(_ value: Number) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: Float) {
        append(value.bitPattern)
    }

    mutating func append(floats: [Float]) {
        append(array: floats)
    }

    mutating func append(integers: [Int32]) {
        append(array: integers)
    }

    mutating func append(hashes: [UInt64]) {
        append(array: hashes)
    }

    /// Appends the count and the elements of `array` in one piece, in the host's byte order: little-endian.
    private mutating func append<Element: BitwiseCopyable>(array: [Element]) {
        append(UInt64(array.count))
        array.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    mutating func append(strings: [String]) {
        append(UInt64(strings.count))
        for string in strings {
            append(UInt64(string.utf8.count))
            bytes.append(contentsOf: string.utf8)
        }
    }

    mutating func append(regression model: SoftmaxRegression) {
        append(UInt64(model.classCount))
        append(array: Array(model.weights))
        append(floats: model.scales)
        append(floats: model.bias)
    }
}

/// Reads what ``BinaryWriter`` wrote; every read throws ``ModelFileError/truncated`` past the end.
struct BinaryReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position == bytes.count }

    /// How many bytes are left to read.
    var remainingCount: Int { bytes.count - position }

    /// The checksum of the bytes left to read (``ModelFile``'s), without reading them.
    func checksumOfTheRest() -> UInt64 {
        bytes.withUnsafeBufferPointer { ModelFile.checksum(UnsafeBufferPointer(rebasing: $0[position...])) }
    }

    mutating func bytes(_ count: Int) throws(ModelFileError) -> [UInt8] {
        guard count >= 0, count <= bytes.count - position else { throw .truncated }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    mutating func read<Number: FixedWidthInteger>(_: Number.Type) throws(ModelFileError) -> Number {
        let size = MemoryLayout<Number>.size
        guard size <= bytes.count - position else { throw .truncated }
        var value = Number.zero
        for index in 0..<size { value |= Number(bytes[position + index]) << (8 * index) }
        position += size
        return value
    }

    mutating func read(_: Float.Type) throws(ModelFileError) -> Float {
        Float(bitPattern: try read(UInt32.self))
    }

    /// An array's count, checked against what is left when each element takes `size` bytes.
    private mutating func count(elementSize size: Int) throws(ModelFileError) -> Int {
        let count = try read(UInt64.self)
        guard count <= UInt64((bytes.count - position) / size) else { throw .truncated }
        return Int(count)
    }

    mutating func floats() throws(ModelFileError) -> [Float] {
        try array(of: Float.self)
    }

    mutating func integers() throws(ModelFileError) -> [Int32] {
        try array(of: Int32.self)
    }

    mutating func hashes() throws(ModelFileError) -> [UInt64] {
        try array(of: UInt64.self)
    }

    mutating func steps() throws(ModelFileError) -> [Int8] {
        try array(of: Int8.self)
    }

    /// An array of `Element`s, copied in one piece (the file is little-endian, as the host is).
    private mutating func array<Element: BitwiseCopyable>(of _: Element.Type) throws(ModelFileError) -> [Element] {
        let size = MemoryLayout<Element>.size
        let count = try count(elementSize: size)
        let start = position
        position += count * size
        let values = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + count * size)]))
            }
            initialized = count
        }
        return values
    }

    mutating func strings() throws(ModelFileError) -> [String] {
        let count = try count(elementSize: 8)
        var strings: [String] = []
        for _ in 0..<count {
            let length = try read(UInt64.self)
            guard length <= UInt64(bytes.count - position) else { throw .truncated }
            strings.append(String(decoding: try self.bytes(Int(length)), as: UTF8.self))
        }
        return strings
    }

    /// A softmax regression over `features` features.
    mutating func regression(features: Int) throws(ModelFileError) -> SoftmaxRegression {
        let classCount = try read(UInt64.self)
        let weights = try steps()
        let scales = try floats()
        let bias = try floats()
        guard classCount > 0, classCount < 1 << 20, bias.count == Int(classCount),
            weights.count == features * Int(classCount), scales.count == features
        else { throw .corrupt }
        return SoftmaxRegression(classCount: Int(classCount), weights: weights, scales: scales, bias: bias)
    }
}
