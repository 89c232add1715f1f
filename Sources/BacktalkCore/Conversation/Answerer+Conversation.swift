import BacktalkProtocol

extension Answerer {
    /// Decides the reply to `text` as the next turn of the conversation `session`, and updates it.
    ///
    /// The rules, in order (docs/CONVERSATIONS.md tells them for people):
    /// 1. "in Danish please", "på engelsk": answer in that language from now on, saying the last answer
    ///    again in it (or that the language changed, when there was none).
    /// 2. A red-flag phrase: the safety answer, whatever the conversation.
    /// 3. After a clarification: "the first", "2", "den anden", or a question about one of the two, picks it.
    /// 4. After an answer whose summary alone was given: "more", "tell me more", "mere" give the rest of it.
    /// 5. After an answer or the fallback: a number or an ordinal picks what the reply offered; "yes", "ja",
    ///    and "tell me more" once the rest was given, pick the first.
    /// 6. A short question, or one opening with "and", "what about", "og", "hvad med"…, is read in the
    ///    context of the last answer, where the knowledge base has an answer for that context; a story of
    ///    several sentences is not.
    /// 7. A question of one sentence that points back ("what can I do about it?", "how long does it last?",
    ///    "hvad gør jeg ved det?"), short or not answered surely on its own, is read with the last answer's
    ///    title (a story's "it" is what the story told about): when that is
    ///    the same topic, the rest of its answer; when another, that one's answer, but only in place of a
    ///    fallback.
    /// 8. A question answered by the intent whose summary alone was just given: the rest of that answer.
    /// 9. Otherwise the question on its own.
    ///
    /// `language` forces the reply's language for this turn. Turns that carry no language of their own
    /// (a number, "yes") keep the conversation's.
    public func answer(
        _ text: String, language: Language?, session: inout SessionContext, scratch: inout ClassifierScratch
    ) -> Answer {
        if session.knowledgeDigest != knowledge.digest { session = SessionContext(knowledgeDigest: knowledge.digest) }
        let reply = turn(text, language: language, session: &session, scratch: &scratch)
        remember(reply, in: &session)
        return reply
    }

    private func turn(
        _ text: String, language: Language?, session: inout SessionContext, scratch: inout ClassifierScratch
    ) -> Answer {
        let words = ConversationCue.words(text)
        let cue = ConversationCue(words: words)
        if case .language(let chosen) = cue {
            session.chosenLanguage = chosen
            guard let last = session.lastIntent else {
                return Answer(
                    kind: .notice, confidence: 1, language: chosen, safety: nil, alsoAsked: nil,
                    alternatives: [], reading: .languageSwitch)
            }
            return picked(last, context: session.lastContext, language: chosen, reading: .languageSwitch)
        }
        let forced = language ?? session.chosenLanguage
        var question = answer(
            text, language: forced, threshold: policy.threshold, preferredLanguage: session.language, scratch: &scratch)
        question.reading = .question
        if question.safety != nil { return question }
        // A story of several sentences carries its own context: its "it" is what it told about.
        let isStory = scratch.questionSentence != nil
        let kept = forced ?? session.language ?? question.language

        if let choice = session.pendingChoice {
            switch cue {
            case .pick(1), .yes, .more: return picked(choice.first, after: session, language: kept, reading: .clarification)
            case .pick(2): return picked(choice.second, after: session, language: kept, reading: .clarification)
            default:
                if isPlausible(question), let intent = question.intent, intent == choice.first || intent == choice.second {
                    return picked(intent, after: session, language: question.language, reading: .clarification)
                }
            }
        }
        if cue == .more, let last = session.lastIntent, !session.lastAnswerGivenWhole {
            return picked(last, context: session.lastContext, language: kept, reading: .more)
        }
        if !session.offered.isEmpty {
            switch cue {
            case .pick(let number) where number <= session.offered.count:
                return picked(session.offered[number - 1], after: session, language: kept, reading: .followUp)
            case .yes, .more:
                return picked(session.offered[0], after: session, language: kept, reading: .followUp)
            default: break
            }
        }
        if let last = session.lastIntent, !isStory, ConversationCue.isElliptical(words),
            let read = inContext(
                question, last: last, lastContext: session.lastContext,
                continuesLastQuestion: ConversationCue.opensWithContinuation(words))
        {
            return picked(read.intent, context: read.context, language: question.language, reading: .context)
        }
        if case .answer(let intent) = question.kind, intent == session.lastIntent, !session.lastAnswerGivenWhole {
            // Asked again about the topic whose summary was just given: the rest of it, in the question's language.
            return picked(intent, context: session.lastContext, language: question.language, reading: .more)
        }
        if let last = session.lastIntent, !isStory, ConversationCue.pointsBack(words),
            words.count <= 5 || question.replyType != .answer || question.confidence < Self.sureOnItsOwn
        {
            // "what can I do about it?", "how long does it last?": read "it" as the last answer's topic, by
            // its title. The same topic gives the rest of its answer; another one only stands in for a fallback.
            // A longer question answered surely on its own ("and can I take ibuprofen for it?") stays so.
            let title = knowledge.intents[last].title[question.language]
            var resolved = answer(
                title + " " + text, language: forced, threshold: policy.threshold, preferredLanguage: session.language,
                scratch: &scratch)
            if case .answer(let intent) = resolved.kind {
                if intent == last && resolved.safety == nil {
                    return picked(last, context: session.lastContext, language: question.language, reading: .more)
                }
                if case .fallback = question.kind {
                    resolved.reading = .context
                    return resolved
                }
            }
        }
        return question
    }

    /// How sure the classifier must be of a longer message that points back ("and can I take ibuprofen for
    /// it?") for it to be answered on its own rather than read with the last answer's topic.
    static let sureOnItsOwn: Float = 0.9

    /// The intent and context an elliptical `question` asks for after `last`: the question's intent in the
    /// context of the last answer ("and how often?" after sports massage), or, when the question
    /// `continuesLastQuestion` ("and for trigger point?" after how often), the last intent in the context
    /// the question names. Nil when the knowledge base has no answer for either.
    private func inContext(
        _ question: Answer, last: Int, lastContext: Int?, continuesLastQuestion: Bool
    ) -> (intent: Int, context: Int)? {
        guard isPlausible(question) else { return nil }
        let candidates: [Int] =
            switch question.kind {
            case .answer(let intent): [intent]
            case .clarify(let first, let second): [first, second]
            case .fallback(let mostLikely): mostLikely.map { [$0] } ?? []
            case .notice: []
            }
        for candidate in candidates where candidate != last {
            if contextsOfIntent[candidate].contains(last) { return (candidate, last) }
            if let lastContext, contextsOfIntent[candidate].contains(lastContext) { return (candidate, lastContext) }
            if continuesLastQuestion && contextsOfIntent[last].contains(candidate) { return (last, candidate) }
        }
        return nil
    }

    /// Whether `question`'s most likely intent may count in a conversation: answered, asked back, or
    /// fallen back with at least half the threshold, since the conversation makes a short question clearer.
    private func isPlausible(_ question: Answer) -> Bool {
        if case .fallback = question.kind { question.confidence >= policy.threshold / 2 } else { true }
    }

    /// The answer of `intent`, picked in conversation after `session`'s last answer, in its context when
    /// the knowledge base has an answer for it.
    private func picked(_ intent: Int, after session: SessionContext, language: Language, reading: Via) -> Answer {
        let context = session.lastIntent.flatMap { contextsOfIntent[intent].contains($0) ? $0 : nil }
        return picked(intent, context: context, language: language, reading: reading)
    }

    private func picked(_ intent: Int, context: Int?, language: Language, reading: Via) -> Answer {
        Answer(
            kind: .answer(intent), confidence: 1, language: language, safety: nil, alsoAsked: nil,
            alternatives: [], context: context, reading: reading)
    }

    private func remember(_ reply: Answer, in session: inout SessionContext) {
        session.language = reply.language
        switch reply.kind {
        case .answer(let intent):
            session.lastIntent = intent
            session.lastContext = reply.context
            session.lastAnswerGivenWhole = reply.reading == .more || reply.safety != nil
            session.pendingChoice = nil
        case .clarify(let first, let second):
            session.pendingChoice = (first, second)
        case .fallback:
            session.pendingChoice = nil
        case .notice:
            return
        }
        session.offered.removeAll(keepingCapacity: true)
        offered.forEach(in: reply) { session.offered.append($0) }
    }
}
