/// Which intents a reply offers next, in the order they are numbered for the person asking (from 1):
/// an answer's follow-ups, or the fallback's suggestions. The reply encoder and the answerer (for
/// conversations) each build it from the same knowledge base, so that "2" picks what the reply listed second.
public struct OfferedIntents: Sendable {
    /// The follow-up intents of each intent.
    private let followUps: [[Int]]
    /// The intents the fallback suggests.
    private let suggestions: [Int]

    public init(knowledge: KnowledgeBase) {
        let index = knowledge.intentIndexes()
        followUps = knowledge.intents.map { $0.followUps.compactMap { index[$0] } }
        suggestions = knowledge.assistant.suggestions.compactMap { index[$0] }
    }

    /// Calls `body` with each intent `answer` offers, in order. A safety answer offers what was asked
    /// first; nothing is offered twice.
    public func forEach(in answer: Answer, _ body: (Int) -> Void) {
        switch answer.kind {
        case .answer(let intent):
            if let asked = answer.alsoAsked { body(asked) }
            for followUp in followUps[intent] where followUp != answer.alsoAsked { body(followUp) }
        case .fallback:
            suggestions.forEach(body)
        case .clarify, .notice:
            return
        }
    }
}
