import ArgumentParser
import BacktalkCore

/// The options that say how sure to be before answering: the answer policy of the daemon and of `eval`.
struct PolicyOptions: ParsableArguments {
    @Option(help: "Fall back below this confidence (0 to 1).")
    var threshold: Float = AnswerPolicy().threshold

    @Option(help: "Ask which one was meant when the two best intents are closer than this (0 to 1).")
    var clarifyMargin: Float = AnswerPolicy().clarifyMargin

    @Option(help: "Ask which one was meant when a one-word question's best intent has less than this (0 to 1).")
    var oneWordCertainty: Float = AnswerPolicy().oneWordCertainty

    @Option(help: "Give the safety answer without a red-flag phrase only when the emergency detector is this sure (0 to 1).")
    var safetyCertainty: Float = AnswerPolicy().safetyCertainty

    @Option(help: "In a message of several sentences, how much its question's sentence counts against the whole (0 to 1).")
    var questionWeight: Float = AnswerPolicy().questionWeight

    var policy: AnswerPolicy {
        var policy = AnswerPolicy()
        policy.threshold = threshold
        policy.clarifyMargin = clarifyMargin
        policy.oneWordCertainty = oneWordCertainty
        policy.safetyCertainty = safetyCertainty
        policy.questionWeight = questionWeight
        return policy
    }

    func validate() throws {
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1") }
        guard (0...1).contains(clarifyMargin) else { throw ValidationError("--clarify-margin must be between 0 and 1") }
        guard (0...1).contains(oneWordCertainty) else {
            throw ValidationError("--one-word-certainty must be between 0 and 1")
        }
        guard (0...1).contains(safetyCertainty) else { throw ValidationError("--safety-certainty must be between 0 and 1") }
        guard (0...1).contains(questionWeight) else { throw ValidationError("--question-weight must be between 0 and 1") }
    }
}
