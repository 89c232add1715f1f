import Yams

extension YamlError {
    /// Where in the file the error is.
    var mark: Mark? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark
        case .duplicatedKeysInMapping(_, let context): context.mark
        default: nil
        }
    }

    /// The problem in one line, with what to do.
    var briefDescription: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            let while_ = context.map { " \($0.text)" } ?? ""
            return "YAML syntax error: \(problem)\(while_); check the indentation and quoting here"
        case .duplicatedKeysInMapping(let duplicates, _):
            return "the key '\(duplicates.joined(separator: "', '"))' appears twice in one mapping; keep one"
        default:
            return "cannot be parsed as YAML; check the indentation and quoting"
        }
    }
}
