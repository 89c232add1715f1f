/// Command lines with options before the subcommand, as most tools allow: `backtalk --socket S intents`
/// runs `intents` with `--socket S`, where the parser would otherwise read "intents" as a question.
public enum LeadingOptions {
    /// `arguments` with a subcommand that follows leading options moved to the front; unchanged when the
    /// first word after the options is not a subcommand (a question such as `backtalk --json "is it bad?"`).
    public static func subcommandFirst(
        _ arguments: [String], subcommands: Set<String>, optionsTakingValues: Set<String>
    ) -> [String] {
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "--" {
            index += optionsTakingValues.contains(arguments[index]) ? 2 : 1
        }
        guard index > 0, index < arguments.count, subcommands.contains(arguments[index]) else { return arguments }
        return [arguments[index]] + arguments[..<index] + arguments[(index + 1)...]
    }
}
