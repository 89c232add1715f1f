import BacktalkCore
@testable import BacktalkTraining
import Foundation

/// The repository's own files, found from this source file's path.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let knowledge = root + "/Knowledge"
    static let heldOut = root + "/Tests/HeldOut"
}

/// The shipped knowledge base and its answerer, loaded and trained once for all tests.
enum Shipped {
    static let knowledge: KnowledgeBase = {
        do {
            return try KnowledgeBaseLoader.load(directory: Repository.knowledge)
        } catch {
            fatalError("the shipped knowledge base does not load:\n\(error)")
        }
    }()
    static let answerer = Answerer(knowledge: knowledge)
}
