/// One problem in a knowledge base file, located like a compiler diagnostic.
public struct KnowledgeBaseProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line; 0 when the problem concerns the file or folder as a whole.
    public var line: Int
    /// 1-based column; 0 when the problem concerns the file or folder as a whole.
    public var column: Int
    /// What is wrong and what to do, e.g. "unknown key 'anwser'; the keys of an intent are …".
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE:COLUMN: message`.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}

/// Every problem found in a knowledge base; it is reported whole, so one edit can fix them all.
public struct KnowledgeBaseError: Error, Sendable, CustomStringConvertible {
    public var problems: [KnowledgeBaseProblem]

    public init(problems: [KnowledgeBaseProblem]) {
        self.problems = problems
    }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
