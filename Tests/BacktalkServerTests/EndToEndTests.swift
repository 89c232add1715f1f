import BacktalkClient
import BacktalkCore
import BacktalkProtocol
import BacktalkTesting
import Foundation
import Testing

/// The process of ``EndToEndTests/daemon``, for the exit handler that stops it.
nonisolated(unsafe) private var sharedDaemonProcess: pid_t = 0

/// The real `backtalkd` on the shipped knowledge base, asked through the real `backtalk`.
@Suite(.serialized) struct EndToEndTests {
    /// Shared by the suites; a static is never deinitialised, so the daemon is stopped when the test
    /// process exits instead of outliving it.
    static let daemon: TestDaemon = {
        do {
            let daemon = try TestDaemon()
            sharedDaemonProcess = daemon.process.processIdentifier
            atexit { if sharedDaemonProcess > 0 { kill(sharedDaemonProcess, SIGTERM) } }
            return daemon
        } catch {
            fatalError("\(error)")
        }
    }()
    static let knowledge: KnowledgeBase = {
        do { return try KnowledgeBaseLoader.load(directory: Repository.knowledge) } catch { fatalError("\(error)") }
    }()

    /// What `backtalk ask` prints first for `intent`: its summary, then the rest.
    private func answerText(_ intent: String, _ language: Language) -> String {
        let answer = Self.knowledge.intent(intent)!.answer[language]
        return answer.summary + "\n\n" + answer.text
    }

    @Test(arguments: [
        ("how often should I get a massage?", Language.english),
        ("hvor tit skal jeg have massage?", Language.danish),
    ])
    func answersInTheQuestionsLanguage(question: String, language: Language) throws {
        let run = try ClientRun(["ask", "--socket", Self.daemon.socket, question])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix(answerText("faq.frequency", language)))
        #expect(run.output.contains(language == .danish ? "Kilder:" : "Sources:"))
    }

    @Test func theQuestionAloneIsAnAsk() throws {
        let run = try ClientRun(["--socket", Self.daemon.socket, "--json", "hvor", "tit", "skal", "jeg", "have", "massage"])
        #expect(run.status == 0)
        let reply = try jsonObject(Array(run.output.utf8.dropLast()))
        #expect(reply["intent"] as? String == "faq.frequency")
        #expect(reply["lang"] as? String == "da")
    }

    @Test func outOfScopeFallsBackWithItsOwnExitCode() throws {
        let run = try ClientRun(["ask", "--socket", Self.daemon.socket, "what's the weather in Copenhagen tomorrow?"])
        #expect(run.status == ExitStatus.fallback.rawValue)
        #expect(run.output.hasPrefix(Self.knowledge.assistant.fallback.english))
    }

    @Test func eachInputLineIsOneQuestionAndEachOutputLineOneAnswer() throws {
        let run = try ClientRun(
            ["--socket", Self.daemon.socket], input: "hello\n\nhvad er triggerpunktsmassage\nnumb groin\n")
        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(run.status == 0)
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("error (empty_text)"))
        #expect(lines.last?.hasPrefix("EMERGENCY: Get help now. " + answerText("safety.red_flags.emergency", .english).prefix(20)) == true)
    }

    @Test func statusAndIntents() throws {
        let status = try ClientRun(["status", "--socket", Self.daemon.socket, "--json"])
        let object = try jsonObject(Array(status.output.utf8.dropLast()))
        #expect(object["type"] as? String == "status")
        #expect((object["knowledge"] as? [String: Any])?["intents"] as? Int == Self.knowledge.intents.count)
        let intents = try ClientRun(["intents", "--socket", Self.daemon.socket, "--json"])
        #expect(intents.output.contains("\"faq.frequency\""))
    }

    @Test func aMissingDaemonIsReportedWithHowToStartIt() throws {
        let run = try ClientRun(["ask", "--socket", "/tmp/no-such-backtalk.sock", "hello"])
        #expect(run.status == ExitStatus.unavailable.rawValue)
        #expect(run.errors.contains("backtalkd is not running"))
        #expect(run.errors.contains("make run"))
    }

    @Test func theClientFindsTheSocketThroughTheEnvironment() throws {
        let run = try ClientRun(["ask", "tak"], environment: ["BACKTALK_SOCKET": Self.daemon.socket])
        #expect(run.status == 0)
    }
}
