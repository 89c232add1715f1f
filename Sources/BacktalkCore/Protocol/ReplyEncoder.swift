/// Encodes replies as JSON lines. The parts that depend only on the knowledge base (answer texts,
/// follow-ups, sources, the intents list) are encoded once, when the encoder is made; a reply then only
/// copies them and writes its id and numbers.
public final class ReplyEncoder: Sendable {
    private let knowledge: KnowledgeBase
    /// `{"intent":"…","question":"…"}` for each intent, by language.
    private let suggestion: Localized<[[UInt8]]>
    /// `"lang":"…","summary":"…","text":"…"` for each intent, by language.
    private let answerText: Localized<[[UInt8]]>
    /// What each reply offers next.
    private let offered: OfferedIntents
    /// `"lang":"…","summary":"…","text":"…"` of each intent's answers in context, by language, intent and context intent.
    private let contextAnswerText: Localized<[[Int: [UInt8]]]>
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
            knowledge.intents.map { intent in
                var bytes: [UInt8] = []
                JSONWriter.appendRaw("{\"intent\":", to: &bytes)
                JSONWriter.appendString(intent.id, to: &bytes)
                JSONWriter.appendRaw(",\"question\":", to: &bytes)
                JSONWriter.appendString(intent.title[language], to: &bytes)
                bytes.append(UInt8(ascii: "}"))
                return bytes
            }
        }
        func list(_ ids: [String], _ language: Language) -> [UInt8] {
            Array(ids.compactMap { index[$0] }.map { suggestion[language][$0] }.joined(separator: [UInt8(ascii: ",")]))
        }
        self.suggestion = suggestion
        answerText = perLanguage { language in
            knowledge.intents.map { intent in Self.languageAndAnswer(language, intent.answer[language]) }
        }
        offered = OfferedIntents(knowledge: knowledge)
        contextAnswerText = perLanguage { language in
            knowledge.intents.map { intent in
                Dictionary(uniqueKeysWithValues: intent.contextAnswers.compactMap { context, answer in
                    index[context].map { ($0, Self.languageAndAnswer(language, answer[language])) }
                })
            }
        }
        languageSwitched = perLanguage { Self.languageAndText($0, knowledge.assistant.languageSwitched[$0]) }
        sources = knowledge.intents.map { intent in
            var bytes: [UInt8] = []
            JSONWriter.appendRaw("\"sources\":[", to: &bytes)
            for (position, id) in intent.sources.enumerated() {
                guard let source = knowledge.sources[id] else { continue }
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONWriter.appendRaw("{\"id\":", to: &bytes)
                JSONWriter.appendString(source.id, to: &bytes)
                JSONWriter.appendRaw(",\"title\":", to: &bytes)
                JSONWriter.appendString(source.title, to: &bytes)
                if let url = source.url {
                    JSONWriter.appendRaw(",\"url\":", to: &bytes)
                    JSONWriter.appendString(url, to: &bytes)
                }
                bytes.append(UInt8(ascii: "}"))
            }
            bytes.append(UInt8(ascii: "]"))
            return bytes
        }
        fallback = perLanguage { language in
            var bytes = Self.languageAndText(language, knowledge.assistant.fallback[language])
            JSONWriter.appendRaw(",\"suggestions\":[", to: &bytes)
            bytes += list(knowledge.assistant.suggestions, language)
            bytes.append(UInt8(ascii: "]"))
            return bytes
        }
        var intentList: [UInt8] = []
        JSONWriter.appendRaw("\"intents\":[", to: &intentList)
        for (position, intent) in knowledge.intents.enumerated() {
            if position > 0 { intentList.append(UInt8(ascii: ",")) }
            JSONWriter.appendRaw("{\"intent\":", to: &intentList)
            JSONWriter.appendString(intent.id, to: &intentList)
            JSONWriter.appendRaw(",\"title\":{\"en\":", to: &intentList)
            JSONWriter.appendString(intent.title.english, to: &intentList)
            JSONWriter.appendRaw(",\"da\":", to: &intentList)
            JSONWriter.appendString(intent.title.danish, to: &intentList)
            intentList.append(contentsOf: Array("}}".utf8))
        }
        intentList.append(UInt8(ascii: "]"))
        self.intentList = intentList
    }

    private static func languageAndText(_ language: Language, _ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        JSONWriter.appendRaw("\"lang\":", to: &bytes)
        JSONWriter.appendString(language.rawValue, to: &bytes)
        JSONWriter.appendRaw(",\"text\":", to: &bytes)
        JSONWriter.appendString(text, to: &bytes)
        return bytes
    }

    private static func languageAndAnswer(_ language: Language, _ answer: AnswerText) -> [UInt8] {
        var bytes: [UInt8] = []
        JSONWriter.appendRaw("\"lang\":", to: &bytes)
        JSONWriter.appendString(language.rawValue, to: &bytes)
        JSONWriter.appendRaw(",\"summary\":", to: &bytes)
        JSONWriter.appendString(answer.summary, to: &bytes)
        JSONWriter.appendRaw(",\"text\":", to: &bytes)
        JSONWriter.appendString(answer.text, to: &bytes)
        return bytes
    }

    /// Appends the reply to an `ask`, newline included.
    public func encode(_ answer: Answer, id: String?, to output: inout [UInt8]) {
        let language = answer.language
        Self.beginReply(id: id, type: answer.kind.rawValue, to: &output)
        if answer.kind == .notice {
            output.append(UInt8(ascii: ","))
            output += languageSwitched[language]
            appendReading(of: answer, to: &output)
            Self.endReply(to: &output)
            return
        }
        if let intent = answer.intent {
            JSONWriter.appendRaw(",\"intent\":", to: &output)
            JSONWriter.appendString(knowledge.intents[intent].id, to: &output)
        }
        if let context = answer.context {
            JSONWriter.appendRaw(",\"context\":", to: &output)
            JSONWriter.appendString(knowledge.intents[context].id, to: &output)
        }
        JSONWriter.appendRaw(",\"confidence\":", to: &output)
        JSONWriter.appendProbability(answer.confidence, to: &output)
        output.append(UInt8(ascii: ","))
        switch answer.kind {
        case .answer:
            let intent = answer.intent!
            if let context = answer.context, let text = contextAnswerText[language][intent][context] {
                output += text
            } else {
                output += answerText[language][intent]
            }
            JSONWriter.appendRaw(",\"follow_ups\":[", to: &output)
            var needsComma = false
            offered.forEach(in: answer) { followUp in
                if needsComma { output.append(UInt8(ascii: ",")) }
                output += suggestion[language][followUp]
                needsComma = true
            }
            JSONWriter.appendRaw("],", to: &output)
            output += sources[intent]
        case .fallback:
            output += fallback[language]
        case .clarify:
            let first = answer.intent!
            let second = answer.otherOption!
            let question = knowledge.assistant.clarify[language]
                .replacing("{first}", with: knowledge.intents[first].title[language])
                .replacing("{second}", with: knowledge.intents[second].title[language])
            output += Self.languageAndText(language, question)
            JSONWriter.appendRaw(",\"options\":[", to: &output)
            output += suggestion[language][first]
            output.append(UInt8(ascii: ","))
            output += suggestion[language][second]
            output.append(UInt8(ascii: "]"))
        case .notice:
            break
        }
        JSONWriter.appendRaw(",\"alternatives\":[", to: &output)
        for (position, alternative) in answer.alternatives.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            JSONWriter.appendRaw("{\"intent\":", to: &output)
            JSONWriter.appendString(knowledge.intents[alternative.intent].id, to: &output)
            JSONWriter.appendRaw(",\"confidence\":", to: &output)
            JSONWriter.appendProbability(alternative.confidence, to: &output)
            output.append(UInt8(ascii: "}"))
        }
        output.append(UInt8(ascii: "]"))
        if answer.safety { JSONWriter.appendRaw(",\"safety\":true", to: &output) }
        appendReading(of: answer, to: &output)
        Self.endReply(to: &output)
    }

    /// `,"via":"…"` for a turn of a session.
    private func appendReading(of answer: Answer, to output: inout [UInt8]) {
        guard let reading = answer.reading else { return }
        JSONWriter.appendRaw(",\"via\":", to: &output)
        JSONWriter.appendString(reading.rawValue, to: &output)
    }

    /// Appends the reply to `intents`.
    public func encodeIntents(id: String?, to output: inout [UInt8]) {
        Self.beginReply(id: id, type: "intents", to: &output)
        output.append(UInt8(ascii: ","))
        output += intentList
        Self.endReply(to: &output)
    }

    /// Appends the reply to `status`.
    public func encodeStatus(_ status: ServerStatus, id: String?, to output: inout [UInt8]) {
        Self.beginReply(id: id, type: "status", to: &output)
        JSONWriter.appendRaw(",\"version\":", to: &output)
        JSONWriter.appendString(status.version, to: &output)
        JSONWriter.appendRaw(",\"knowledge\":", to: &output)
        appendKnowledge(loadSeconds: status.loadSeconds, loadedAt: status.loadedAt, to: &output)
        JSONWriter.appendRaw(",\"uptime_seconds\":", to: &output)
        JSONWriter.appendSeconds(status.uptimeSeconds, to: &output)
        JSONWriter.appendRaw(",\"requests_served\":", to: &output)
        JSONWriter.appendInteger(status.requestsServed, to: &output)
        Self.endReply(to: &output)
    }

    /// Appends an error reply.
    public static func encode(_ error: ProtocolError, to output: inout [UInt8]) {
        beginReply(id: error.id, type: "error", to: &output)
        JSONWriter.appendRaw(",\"code\":", to: &output)
        JSONWriter.appendString(error.code.rawValue, to: &output)
        JSONWriter.appendRaw(",\"message\":", to: &output)
        JSONWriter.appendString(error.message, to: &output)
        JSONWriter.appendRaw("}\n", to: &output)
    }

    /// `{"digest":…,"loaded_at":…,"load_seconds":…,"intents":…,"questions":{"en":…,"da":…}}`.
    func appendKnowledge(loadSeconds: Double, loadedAt: String?, to output: inout [UInt8]) {
        JSONWriter.appendRaw("{\"digest\":", to: &output)
        JSONWriter.appendString(knowledge.digest, to: &output)
        if let loadedAt {
            JSONWriter.appendRaw(",\"loaded_at\":", to: &output)
            JSONWriter.appendString(loadedAt, to: &output)
        }
        JSONWriter.appendRaw(",\"load_seconds\":", to: &output)
        JSONWriter.appendSeconds(loadSeconds, to: &output)
        JSONWriter.appendRaw(",\"intents\":", to: &output)
        JSONWriter.appendInteger(knowledge.intents.count, to: &output)
        JSONWriter.appendRaw(",\"questions\":{\"en\":", to: &output)
        JSONWriter.appendInteger(knowledge.questionCount(.english), to: &output)
        JSONWriter.appendRaw(",\"da\":", to: &output)
        JSONWriter.appendInteger(knowledge.questionCount(.danish), to: &output)
        JSONWriter.appendRaw("}}", to: &output)
    }

    static func beginReply(id: String?, type: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        if let id {
            JSONWriter.appendRaw("\"id\":", to: &output)
            JSONWriter.appendString(id, to: &output)
            output.append(UInt8(ascii: ","))
        }
        JSONWriter.appendRaw("\"type\":", to: &output)
        JSONWriter.appendString(type, to: &output)
    }

    static func endReply(to output: inout [UInt8]) {
        JSONWriter.appendRaw("}\n", to: &output)
    }
}
