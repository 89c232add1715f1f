import BacktalkProtocol

/// Encodes replies as JSON lines. The parts that depend only on the knowledge base (answer texts,
/// follow-ups, sources, the intents list) are encoded once, when the encoder is made; a reply then only
/// copies them and writes its id and numbers.
public final class ReplyEncoder: Sendable {
    private let knowledge: KnowledgeBase
    /// `{"intent":"…","question":"…"}` for each intent, by language.
    private let suggestion: Localized<[[UInt8]]>
    /// The `"lang":…,"summary":…,"detail":…,"text":…` fields of an answer: `text` holds the whole answer, or
    /// only the detail in the reply to "tell me more".
    private struct AnswerFields: Sendable {
        var whole: [UInt8]
        var detailOnly: [UInt8]

        init(_ language: Language, _ text: AnswerText) {
            whole = ReplyWriter.languageAndAnswer(language, summary: text.summary, detail: text.text)
            detailOnly = ReplyWriter.languageAndAnswer(language, summary: text.summary, detail: text.text, detailOnly: true)
        }

        func fields(for reading: Via?) -> [UInt8] { reading == .more ? detailOnly : whole }
    }

    /// Each intent's answer fields, by language.
    private let answerText: Localized<[AnswerFields]>
    /// What each reply offers next.
    private let offered: OfferedIntents
    /// The answer fields of each intent's answers in context, by language, intent and context intent.
    private let contextAnswerText: Localized<[[Int: AnswerFields]]>
    /// `"lang":"…","text":"…"` of the notice that the language changed, by language.
    private let languageSwitched: Localized<[UInt8]>
    /// `"sources":[…]` for each intent.
    private let sources: [[UInt8]]
    /// `"lang":"…","text":"…","suggestions":[…]` of the fallback, by language.
    private let fallback: Localized<[UInt8]>
    /// The `"intents":[…]` list.
    private let intentList: [UInt8]

    public init(knowledge: KnowledgeBase) {
        self.knowledge = knowledge
        let index = knowledge.intentIndexes()
        func perLanguage<T>(_ make: (Language) -> T) -> Localized<T> {
            Localized(english: make(.english), danish: make(.danish))
        }
        let suggestion = perLanguage { language in
            knowledge.intents.map { ReplyWriter.suggestion(intent: $0.id, question: $0.title[language]) }
        }
        self.suggestion = suggestion
        answerText = perLanguage { language in knowledge.intents.map { AnswerFields(language, $0.answer[language]) } }
        offered = OfferedIntents(knowledge: knowledge)
        contextAnswerText = perLanguage { language in
            knowledge.intents.map { intent in
                Dictionary(uniqueKeysWithValues: intent.contextAnswers.compactMap { context, text in
                    index[context].map { ($0, AnswerFields(language, text[language])) }
                })
            }
        }
        languageSwitched = perLanguage { ReplyWriter.languageAndText($0, knowledge.assistant.languageSwitched[$0]) }
        sources = knowledge.intents.map { intent in
            ReplyWriter.sources(intent.sources.compactMap { id in
                knowledge.sources[id].map { ReplyWriter.Source(id: $0.id, title: $0.title, url: $0.url) }
            })
        }
        fallback = perLanguage { language in
            var bytes = ReplyWriter.languageAndText(language, knowledge.assistant.fallback[language])
            let offered = knowledge.assistant.suggestions.compactMap { index[$0] }
            ReplyWriter.list(.suggestions, offered, to: &bytes) { $1 += suggestion[language][$0] }
            return bytes
        }
        intentList = ReplyWriter.intentList(knowledge.intents.map { ($0.id, $0.title.english, $0.title.danish) })
    }

    /// Appends the reply to an `ask`, newline included.
    public func encode(_ answer: Answer, id: String?, to output: inout [UInt8]) {
        let language = answer.language
        ReplyWriter.begin(id: id, type: answer.replyType, to: &output)
        if case .notice = answer.kind {
            output.append(UInt8(ascii: ","))
            output += languageSwitched[language]
            appendVia(of: answer, to: &output)
            ReplyWriter.end(to: &output)
            return
        }
        if let intent = answer.intent { ReplyWriter.string(.intent, knowledge.intents[intent].id, to: &output) }
        if let context = answer.context { ReplyWriter.string(.context, knowledge.intents[context].id, to: &output) }
        ReplyWriter.probability(.confidence, answer.confidence, to: &output)
        output.append(UInt8(ascii: ","))
        switch answer.kind {
        case .answer(let intent):
            let fields = answer.context.flatMap { contextAnswerText[language][intent][$0] } ?? answerText[language][intent]
            output += fields.fields(for: answer.reading)
            ReplyWriter.openList(.followUps, to: &output)
            var needsComma = false
            offered.forEach(in: answer) { followUp in
                if needsComma { output.append(UInt8(ascii: ",")) }
                output += suggestion[language][followUp]
                needsComma = true
            }
            output.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: ",")])
            output += sources[intent]
        case .fallback:
            output += fallback[language]
        case .clarify(let first, let second):
            let question = knowledge.assistant.clarify[language]
                .replacing("{first}", with: knowledge.intents[first].title[language])
                .replacing("{second}", with: knowledge.intents[second].title[language])
            output += ReplyWriter.languageAndText(language, question)
            ReplyWriter.list(.options, [first, second], to: &output) { $1 += suggestion[language][$0] }
        case .notice:
            break
        }
        // A plain loop: this runs for every answer, where a generic call across modules would not be inlined.
        ReplyWriter.openList(.alternatives, to: &output)
        for (position, alternative) in answer.alternatives.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            ReplyWriter.alternative(
                intent: knowledge.intents[alternative.intent].id, confidence: alternative.confidence, to: &output)
        }
        output.append(UInt8(ascii: "]"))
        if let mark = answer.safety { ReplyWriter.safety(mark, to: &output) }
        appendVia(of: answer, to: &output)
        ReplyWriter.end(to: &output)
    }

    /// `,"via":"…"` for a turn of a session.
    private func appendVia(of answer: Answer, to output: inout [UInt8]) {
        guard let via = answer.reading else { return }
        ReplyWriter.string(.via, via.rawValue, to: &output)
    }

    /// Appends the reply to `intents`.
    public func encodeIntents(id: String?, to output: inout [UInt8]) {
        ReplyWriter.begin(id: id, type: .intents, to: &output)
        output.append(UInt8(ascii: ","))
        output += intentList
        ReplyWriter.end(to: &output)
    }

    /// What `status` and `reloaded` replies say about this knowledge base, loaded in `loadSeconds`.
    public func summary(loadSeconds: Double, loadedAt: String?) -> KnowledgeSummary {
        KnowledgeSummary(
            digest: knowledge.digest, loadedAt: loadedAt, loadSeconds: loadSeconds, intents: knowledge.intents.count,
            englishQuestions: knowledge.questionCount(.english), danishQuestions: knowledge.questionCount(.danish))
    }
}
