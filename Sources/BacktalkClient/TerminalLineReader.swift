#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads lines from a terminal with ``LineEditor``: the terminal is put in raw mode for the time a line is
/// typed and restored after it. When standard input or output is not a terminal, lines are read plainly
/// and no prompt is shown.
public struct TerminalLineReader {
    private var editor = LineEditor()
    private let isTerminal = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1

    public init() {}

    /// The next line, after showing `prompt` (with its terminal escapes) that takes `promptWidth` columns;
    /// nil at the end of input. Ctrl-C drops the line being typed and starts a new one.
    public mutating func readLine(prompt: String, promptWidth: Int) -> String? {
        // Piped input gets no prompt: the output is then only the answers.
        guard isTerminal else { return Swift.readLine() }
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        tcsetattr(STDIN_FILENO, TCSADRAIN, &raw)
        defer { tcsetattr(STDIN_FILENO, TCSADRAIN, &saved) }

        redraw(prompt)
        while let key = readKey() {
            switch editor.apply(key) {
            case .edited: redraw(prompt)
            case .submitted(let line):
                write("\r\n")
                return line
            case .cancelled:
                write("^C\r\n")
                redraw(prompt)
            case .finished:
                write("\r\n")
                return nil
            }
        }
        return nil
    }

    private func redraw(_ prompt: String) {
        var output = "\r" + prompt + String(editor.line) + "\u{1B}[K"
        let back = editor.line.count - editor.cursor
        if back > 0 { output += "\u{1B}[\(back)D" }
        write(output)
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 1 { return byte }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    /// Decodes the next key press: a control byte, an escape sequence or a UTF-8 character.
    private func readKey() -> LineEditor.Key? {
        while let byte = readByte() {
            switch byte {
            case 0x01: return .home
            case 0x02: return .left
            case 0x03: return .interrupt
            case 0x04: return .endOfInput
            case 0x05: return .end
            case 0x06: return .right
            case 0x08, 0x7F: return .backspace
            case 0x0A, 0x0D: return .enter
            case 0x0B: return .killToEnd
            case 0x0E: return .down
            case 0x10: return .up
            case 0x15: return .killToStart
            case 0x17: return .killWord
            case 0x1B:
                if let key = readEscapeSequence() { return key }
            case 0x20...0x7E: return .character(Character(Unicode.Scalar(byte)))
            case 0xC0...0xF7:
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var bytes = [byte]
                for _ in 1..<length {
                    guard let next = readByte() else { return nil }
                    bytes.append(next)
                }
                if let character = String(validating: bytes, as: UTF8.self)?.first { return .character(character) }
            default: continue
            }
        }
        return nil
    }

    /// `ESC [ A` and friends; nil for sequences the editor has no use for.
    private func readEscapeSequence() -> LineEditor.Key? {
        guard let introducer = readByte(), introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O"),
            var final = readByte()
        else { return nil }
        var parameter = 0
        while (0x30...0x39).contains(final) {
            parameter = parameter * 10 + Int(final - 0x30)
            guard let next = readByte() else { return nil }
            final = next
        }
        switch (final, parameter) {
        case (UInt8(ascii: "A"), _): return .up
        case (UInt8(ascii: "B"), _): return .down
        case (UInt8(ascii: "C"), _): return .right
        case (UInt8(ascii: "D"), _): return .left
        case (UInt8(ascii: "H"), _), (UInt8(ascii: "~"), 1), (UInt8(ascii: "~"), 7): return .home
        case (UInt8(ascii: "F"), _), (UInt8(ascii: "~"), 4), (UInt8(ascii: "~"), 8): return .end
        case (UInt8(ascii: "~"), 3): return .delete
        default: return nil
        }
    }
}
