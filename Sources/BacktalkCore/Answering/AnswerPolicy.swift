/// How sure the answerer must be.
public struct AnswerPolicy: Sendable {
    /// Below this probability the reply is the fallback.
    public var threshold: Float = 0.25
    /// When the two most likely intents are closer than this, the reply asks which one was meant.
    public var clarifyMargin: Float = 0.1
    /// A one-word question ("massage", "ryg") is asked back unless its best intent has at least this
    /// probability: one word seldom says which of several topics is meant.
    public var oneWordCertainty: Float = 0.8
    /// Without a red-flag phrase, the safety answer needs at least this probability from the emergency
    /// detector (`EmergencyDetector`); below it, a question the intent classifier files under the safety
    /// intent gets the next intent. Ordinary stories ("skied all week and now my back aches") read much like
    /// emergencies to a bag of words; the detector learns the line from the near misses.
    public var safetyCertainty: Float = 0.7
    /// In a message of several sentences, how much the sentence that asks the question counts against the
    /// whole message (0: the whole message only); see ``QuestionSentence``.
    public var questionWeight: Float = 0.5

    public init() {}
}
