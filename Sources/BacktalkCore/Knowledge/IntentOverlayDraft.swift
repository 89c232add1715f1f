import Yams

/// A change to an intent of an earlier layer, as an administrator writes it in a local file:
/// `extends: ID`, then what to replace (title, summary and answer, follow-ups, sources),
/// training questions and near misses to add, or `enabled: false` to switch the intent off.
struct IntentOverlayDraft {
    var file: String
    var layer: Int
    var mark: Mark?
    /// The id of the intent changed.
    var target: String
    var enabled: Bool
    var title: Localized<String>?
    var answer: Localized<AnswerText>?
    var questions: Localized<[(text: String, mark: Mark?)]>
    var followUps: [(text: String, mark: Mark?)]?
    var sources: [(text: String, mark: Mark?)]?
    var nearMisses: Localized<[(text: String, mark: Mark?)]>

    static let keys = [
        "extends", "enabled", "title", "summary", "answer", "questions", "follow_ups", "sources", "near_misses",
    ]
}

extension KnowledgeBaseDraft {
    mutating func readOverlay(_ node: Node, layer: Int, reader: inout YAMLReader) -> IntentOverlayDraft? {
        guard let pairs = reader.mapping(node, what: "an intent change (extends)", allowed: IntentOverlayDraft.keys),
            let targetNode = pairs["extends"]?.value, let target = reader.text(targetNode, what: "extends")
        else { return nil }
        if (pairs["summary"] == nil) != (pairs["answer"] == nil) {
            reader.report(node, "a change to '\(target)' that replaces its answer needs both `summary:` and `answer:`")
        }
        let enabled = pairs["enabled"].flatMap { reader.flag($0.value, what: "enabled") } ?? true
        func list(_ key: String) -> Localized<[(text: String, mark: Mark?)]>? {
            pairs[key].flatMap { reader.localized($0.value, what: key, read: { $0.textList($1, what: $2) }) }
        }
        return IntentOverlayDraft(
            file: reader.file, layer: layer, mark: targetNode.mark, target: target, enabled: enabled,
            title: pairs["title"].flatMap { reader.localized($0.value, what: "the title", read: { $0.text($1, what: $2) }) },
            answer: readAnswerText(summary: pairs["summary"]?.value, answer: pairs["answer"]?.value, reader: &reader),
            questions: list("questions") ?? Localized(english: [], danish: []),
            followUps: pairs["follow_ups"].map { reader.textList($0.value, what: "follow_ups") ?? [] },
            sources: pairs["sources"].map { reader.textList($0.value, what: "sources") ?? [] },
            nearMisses: list("near_misses") ?? Localized(english: [], danish: []))
    }
}
