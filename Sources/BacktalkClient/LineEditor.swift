/// The line being typed at an interactive prompt, with a cursor and a history: the editing logic of
/// `backtalk chat`, separate from the terminal so it can be tested. Keys are the usual ones of readline
/// and Emacs: arrows, Home/End, Backspace/Delete, Ctrl-A/E/B/F/K/U/W, Up/Down for history.
public struct LineEditor {
    /// A key press, as decoded from the terminal's bytes.
    public enum Key: Equatable, Sendable {
        case character(Character)
        case left, right, home, end, up, down
        case backspace, delete, killToEnd, killToStart, killWord
        case enter, interrupt, endOfInput
    }

    /// What a key press did to the line.
    public enum Outcome: Equatable, Sendable {
        /// The line changed or the cursor moved; redraw it.
        case edited
        /// Enter: the line is done.
        case submitted(String)
        /// Ctrl-C: the line was dropped.
        case cancelled
        /// Ctrl-D on an empty line: no more input.
        case finished
    }

    public private(set) var line: [Character] = []
    /// The cursor's position in `line`, 0 … `line.count`.
    public private(set) var cursor = 0
    /// Lines entered before, oldest first; kept in memory only, since questions about health are private.
    public private(set) var history: [String] = []
    /// Where Up/Down are in the history; `history.count` is the line being typed.
    private var historyPosition = 0
    /// The line being typed, kept while browsing the history.
    private var draft: [Character] = []
    private let historyLimit: Int

    public init(historyLimit: Int = 500) {
        self.historyLimit = historyLimit
    }

    /// Applies `key`.
    public mutating func apply(_ key: Key) -> Outcome {
        switch key {
        case .character(let character):
            line.insert(character, at: cursor)
            cursor += 1
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(line.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = line.count
        case .backspace:
            guard cursor > 0 else { break }
            line.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            if cursor < line.count { line.remove(at: cursor) }
        case .killToEnd: line.removeSubrange(cursor...)
        case .killToStart:
            line.removeSubrange(..<cursor)
            cursor = 0
        case .killWord:
            var start = cursor
            while start > 0, line[start - 1] == " " { start -= 1 }
            while start > 0, line[start - 1] != " " { start -= 1 }
            line.removeSubrange(start..<cursor)
            cursor = start
        case .up: browseHistory(by: -1)
        case .down: browseHistory(by: 1)
        case .enter:
            let entered = String(line)
            remember(entered)
            reset()
            return .submitted(entered)
        case .interrupt:
            reset()
            return .cancelled
        case .endOfInput:
            if line.isEmpty { return .finished }
            if cursor < line.count { line.remove(at: cursor) }
        }
        return .edited
    }

    private mutating func browseHistory(by step: Int) {
        let target = historyPosition + step
        guard (0...history.count).contains(target) else { return }
        if historyPosition == history.count { draft = line }
        historyPosition = target
        line = target == history.count ? draft : Array(history[target])
        cursor = line.count
    }

    private mutating func remember(_ entered: String) {
        guard !entered.allSatisfy(\.isWhitespace), history.last != entered else { return }
        history.append(entered)
        if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
    }

    private mutating func reset() {
        line = []
        cursor = 0
        draft = []
        historyPosition = history.count
    }
}
