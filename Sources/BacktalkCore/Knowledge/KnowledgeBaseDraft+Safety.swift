import BacktalkProtocol
import Yams

// Reading the parts of a knowledge base that serve the safety net and training: `red_flags:` (named rules),
// `red_flag_scope:` (the words that take a red-flag word back) and `training:` (questions kept apart from
// the answer they train).
extension KnowledgeBaseDraft {
    static let ruleKeys = ["rule", "intent", "sign", "en", "da", "past_counts", "fires", "quiet"]
    static let scopeKeys = ["denial", "symptom_after_denial", "past", "over", "clause_breaks", "list_joins"]
    static let trainingKeys = ["intent", "questions", "near_misses"]

    mutating func readRedFlagRules(_ node: Node, layer: Int, reader: inout YAMLReader) {
        guard let list = node.sequence else {
            reader.report(node, "`red_flags` must be a list of rules; start each with '- rule: NAME'")
            return
        }
        for item in list {
            guard let pairs = reader.mapping(item, what: "a red-flag rule", allowed: Self.ruleKeys) else { continue }
            for required in ["rule", "intent", "sign", "en", "da", "fires"] where pairs[required] == nil {
                reader.report(item, "this red-flag rule has no '\(required)'; add it (see Knowledge/README.md)")
            }
            guard let idNode = pairs["rule"]?.value, let id = reader.text(idNode, what: "the rule name"),
                let intentNode = pairs["intent"]?.value, let intent = reader.text(intentNode, what: "the rule's intent"),
                let sign = pairs["sign"].flatMap({ reader.text($0.value, what: "the sign") }),
                let english = pairs["en"].flatMap({ reader.textList($0.value, what: "the English phrases") }),
                let danish = pairs["da"].flatMap({ reader.textList($0.value, what: "the Danish phrases") }),
                let fires = pairs["fires"].flatMap({ reader.textList($0.value, what: "fires") })
            else { continue }
            let pastCounts = pairs["past_counts"].flatMap { reader.flag($0.value, what: "past_counts") } ?? false
            redFlagRules.append(
                RedFlagRuleDraft(
                    file: reader.file, layer: layer, idMark: idNode.mark, id: id, intent: (intent, intentNode.mark),
                    sign: sign, phrases: Localized(english: english, danish: danish), pastCounts: pastCounts,
                    fires: fires, quiet: pairs["quiet"].flatMap { reader.textList($0.value, what: "quiet") } ?? []))
        }
    }

    mutating func readRedFlagScope(_ node: Node, layer: Int, reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, what: "red_flag_scope", allowed: Self.scopeKeys) else { return }
        func words(_ key: String) -> [String] {
            pairs[key].flatMap { reader.textList($0.value, what: key) }?.map(\.text) ?? []
        }
        redFlagScopes.append(
            RedFlagScopeDraft(
                file: reader.file, layer: layer, mark: node.mark,
                words: RedFlagScopeWords(
                    denial: words("denial"), symptomAfterDenial: words("symptom_after_denial"), past: words("past"),
                    over: words("over"), clauseBreaks: words("clause_breaks"), listJoins: words("list_joins"))))
    }

    mutating func readTraining(_ node: Node, layer: Int, reader: inout YAMLReader) {
        guard let list = node.sequence else {
            reader.report(node, "`training` must be a list; start each entry with '- intent: ID'")
            return
        }
        for item in list {
            guard let pairs = reader.mapping(item, what: "a training entry", allowed: Self.trainingKeys),
                let intentNode = pairs["intent"]?.value, let intent = reader.text(intentNode, what: "the intent")
            else {
                if item.mapping != nil { reader.report(item, "this training entry has no 'intent'; add it") }
                continue
            }
            func list(_ key: String) -> Localized<[(text: String, mark: Mark?)]> {
                pairs[key].flatMap { reader.localized($0.value, what: key, read: { $0.textList($1, what: $2) }) }
                    ?? Localized(english: [], danish: [])
            }
            trainingSets.append(
                TrainingDraft(
                    file: reader.file, layer: layer, mark: intentNode.mark, intent: intent, questions: list("questions"),
                    nearMisses: list("near_misses")))
        }
    }
}
