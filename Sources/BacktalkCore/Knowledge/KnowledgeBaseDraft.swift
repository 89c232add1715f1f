import BacktalkProtocol
import Foundation
import Yams

/// Everything read from the files so far, and the problems found.
struct KnowledgeBaseDraft {
    let directory: String
    var intents: [IntentDraft] = []
    /// Changes to intents of earlier layers (`extends:`), in the order read.
    var overlays: [IntentOverlayDraft] = []
    var sources: [(file: String, draft: SourceDraft)] = []
    var assistant: [AssistantDraft] = []
    var outOfScope: [(file: String, questions: Localized<[(text: String, mark: Mark?)]>)] = []
    var redFlagRules: [RedFlagRuleDraft] = []
    var redFlagScopes: [RedFlagScopeDraft] = []
    var trainingSets: [TrainingDraft] = []
    var problems: [KnowledgeBaseProblem] = []
    /// Every intent id read, also of intents with problems, so that references to them are not reported too.
    var declaredIntentIDs: Set<String> = []
    /// Whether a file could not be parsed at all; references into it cannot be checked then.
    var hasUnparsableFile = false

    static let topLevelKeys = ["intents", "sources", "assistant", "out_of_scope", "training", "red_flags", "red_flag_scope"]
    static let intentKeys = [
        "id", "title", "summary", "answer", "questions", "follow_ups", "sources", "urgency", "near_misses", "in_context",
    ]

    /// A file's YAML parsed: its root node, nil for an empty file, or why it cannot be parsed. Independent
    /// of the draft, so the files of a knowledge base are parsed at the same time.
    static func parse(_ contents: String) -> Result<Node?, any Error> {
        // Every scalar is read as text (YAMLReader), so the basic resolver: the default one compiles
        // regular expressions through ICU for the types it would recognise, megabytes of memory.
        Result { try Yams.compose(yaml: contents, .basic) }
    }

    /// Reads the intents, rules and texts of `file`, parsed by ``parse(_:)``, into the draft.
    mutating func read(file: String, parsed: Result<Node?, any Error>, layer: Int) {
        var reader = YAMLReader(file: file)
        defer { problems += reader.problems }
        let root: Node
        switch parsed {
        case .success(let node?):
            root = node
        case .success(nil):
            reader.report(at: nil, "the file is empty; add `intents:` or remove the file")
            return
        case .failure(let error as YamlError):
            reader.report(at: error.mark, error.briefDescription)
            hasUnparsableFile = true
            return
        case .failure(let error):
            reader.report(at: nil, "cannot be parsed as YAML (\(error)); check indentation and quoting")
            hasUnparsableFile = true
            return
        }
        guard let pairs = reader.mapping(root, what: "the file", allowed: Self.topLevelKeys) else { return }
        if let intents = pairs["intents"] {
            guard let list = intents.value.sequence else {
                reader.report(intents.value, "`intents` must be a list; start each intent with '- id: ...'")
                return
            }
            for node in list {
                if node.mapping?.keys.contains(where: { $0.scalar?.string == "extends" }) == true {
                    if let overlay = readOverlay(node, layer: layer, reader: &reader) { overlays.append(overlay) }
                } else if let intent = readIntent(node, layer: layer, reader: &reader) {
                    self.intents.append(intent)
                }
            }
        }
        if let sources = pairs["sources"] {
            if let list = sources.value.sequence {
                for node in list {
                    if let source = readSource(node, reader: &reader) { self.sources.append((file, source)) }
                }
            } else {
                reader.report(sources.value, "`sources` must be a list; start each source with '- id: ...'")
            }
        }
        if let assistant = pairs["assistant"], let draft = readAssistant(assistant.value, layer: layer, reader: &reader) {
            self.assistant.append(draft)
        }
        if let outOfScope = pairs["out_of_scope"],
            let questions = reader.localized(outOfScope.value, what: "out_of_scope", read: { $0.textList($1, what: $2) })
        {
            self.outOfScope.append((file, questions))
        }
        if let training = pairs["training"] { readTraining(training.value, layer: layer, reader: &reader) }
        if let rules = pairs["red_flags"] { readRedFlagRules(rules.value, layer: layer, reader: &reader) }
        if let scope = pairs["red_flag_scope"] { readRedFlagScope(scope.value, layer: layer, reader: &reader) }
    }

    private mutating func readIntent(_ node: Node, layer: Int, reader: inout YAMLReader) -> IntentDraft? {
        guard let pairs = reader.mapping(node, what: "an intent", allowed: Self.intentKeys) else { return nil }
        for required in ["id", "title", "summary", "answer"] where pairs[required] == nil {
            reader.report(node, "this intent has no '\(required)'; add it (see Knowledge/README.md)")
        }
        guard let idNode = pairs["id"]?.value, let id = reader.text(idNode, what: "the id") else { return nil }
        declaredIntentIDs.insert(id)
        if !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_") }) {
            reader.report(idNode, "the id '\(id)' may hold only letters, digits, '.' and '_'; rename it")
        }
        if id == Answerer.outOfScopeLabel {
            reader.report(idNode, "the id '\(id)' is reserved for out-of-scope questions; put them under `out_of_scope:`")
        }
        let title = pairs["title"].flatMap { reader.localized($0.value, what: "the title", read: { $0.text($1, what: $2) }) }
        let answer = readAnswerText(summary: pairs["summary"]?.value, answer: pairs["answer"]?.value, reader: &reader)
        let questions =
            pairs["questions"].map {
                reader.localized($0.value, what: "the questions", read: { $0.textList($1, what: $2) })
            } ?? Localized(english: [], danish: [])
        let followUps = pairs["follow_ups"].map { reader.textList($0.value, what: "follow_ups") ?? [] } ?? []
        let sources = pairs["sources"].map { reader.textList($0.value, what: "sources") ?? [] } ?? []
        let urgency = pairs["urgency"].flatMap { pair -> Urgency? in
            guard let text = reader.text(pair.value, what: "the urgency") else { return nil }
            guard let urgency = Urgency(rawValue: text) else {
                reader.report(pair.value, "the urgency '\(text)' is not one of emergency, urgent; write one of them")
                return nil
            }
            return urgency
        }
        let nearMisses =
            pairs["near_misses"].flatMap {
                reader.localized($0.value, what: "near_misses", read: { $0.textList($1, what: $2) })
            } ?? Localized(english: [], danish: [])
        let contextAnswers = pairs["in_context"].map { readContextAnswers($0.value, reader: &reader) } ?? []
        guard let title, let answer, let questions else { return nil }
        return IntentDraft(
            file: reader.file, layer: layer, idMark: idNode.mark, id: id, title: title, answer: answer, questions: questions,
            followUps: followUps, sources: sources, urgency: urgency, nearMisses: nearMisses,
            contextAnswers: contextAnswers)
    }

    /// The summary and the rest of an answer, each in both languages and within its word limit.
    func readAnswerText(
        summary summaryNode: Node?, answer answerNode: Node?, reader: inout YAMLReader, context: String = ""
    ) -> Localized<AnswerText>? {
        let summary = summaryNode.flatMap { node in
            reader.localized(node, what: "the summary\(context)", read: {
                $0.text($1, what: $2, wordLimit: AnswerText.summaryWordLimit)
            })
        }
        let answer = answerNode.flatMap { node in
            reader.localized(node, what: "the answer\(context)", read: {
                $0.text($1, what: $2, wordLimit: AnswerText.textWordLimit)
            })
        }
        guard let summary, let answer else { return nil }
        return Localized(
            english: AnswerText(summary: summary.english, text: answer.english),
            danish: AnswerText(summary: summary.danish, text: answer.danish))
    }

    /// `in_context:`, a mapping from the id of the intent answered before to a summary and an answer.
    private func readContextAnswers(
        _ node: Node, reader: inout YAMLReader
    ) -> [(context: String, mark: Mark?, answer: Localized<AnswerText>)] {
        guard let mapping = node.mapping else {
            reader.report(node, "`in_context` must map intent ids to answers; write `technique.sports_massage:` "
                + "with `summary:` and `answer:` under it")
            return []
        }
        return mapping.compactMap { key, value in
            guard let context = key.scalar?.string else {
                reader.report(key, "a key of `in_context` must be an intent id")
                return nil
            }
            let what = "the answer in context '\(context)'"
            guard let pairs = reader.mapping(value, what: what, allowed: ["summary", "answer"]) else { return nil }
            for required in ["summary", "answer"] where pairs[required] == nil {
                reader.report(value, "\(what) has no '\(required)'; add it (see Knowledge/README.md)")
            }
            let answer = readAnswerText(
                summary: pairs["summary"]?.value, answer: pairs["answer"]?.value, reader: &reader,
                context: " in context '\(context)'")
            return answer.map { (context: context, mark: key.mark, answer: $0) }
        }
    }

    private func readSource(_ node: Node, reader: inout YAMLReader) -> SourceDraft? {
        guard let pairs = reader.mapping(node, what: "a source", allowed: ["id", "title", "url"]) else { return nil }
        for required in ["id", "title"] where pairs[required] == nil {
            reader.report(node, "this source has no '\(required)'; add it")
        }
        guard let idNode = pairs["id"]?.value, let id = reader.text(idNode, what: "the source id"),
            let title = pairs["title"].flatMap({ reader.text($0.value, what: "the source title") })
        else { return nil }
        let url = pairs["url"].flatMap { reader.text($0.value, what: "the source url") }
        return SourceDraft(source: Source(id: id, title: title, url: url), mark: idNode.mark)
    }

    private func readAssistant(_ node: Node, layer: Int, reader: inout YAMLReader) -> AssistantDraft? {
        let keys = ["fallback", "clarify", "suggestions"]
        guard let pairs = reader.mapping(node, what: "assistant", allowed: keys + ["language_switched"]) else {
            return nil
        }
        for required in keys where pairs[required] == nil {
            reader.report(node, "assistant has no '\(required)'; add it (see Knowledge/README.md)")
        }
        let fallback = pairs["fallback"].flatMap {
            reader.localized($0.value, what: "the fallback", read: { $0.text($1, what: $2) })
        }
        let clarify = pairs["clarify"].flatMap {
            reader.localized($0.value, what: "clarify", read: { $0.text($1, what: $2) })
        }
        if let clarify {
            for language in Language.allCases
            where !clarify[language].contains("{first}") || !clarify[language].contains("{second}") {
                reader.report(
                    pairs["clarify"]?.value,
                    "clarify (\(language.rawValue)) must contain {first} and {second}, where the two titles go")
            }
        }
        let suggestions = pairs["suggestions"].map { reader.textList($0.value, what: "suggestions") ?? [] } ?? []
        let languageSwitched = pairs["language_switched"].flatMap {
            reader.localized($0.value, what: "language_switched", read: { $0.text($1, what: $2) })
        }
        guard let fallback, let clarify else { return nil }
        return AssistantDraft(
            file: reader.file, layer: layer, mark: node.mark, fallback: fallback, clarify: clarify, suggestions: suggestions,
            languageSwitched: languageSwitched)
    }
}
