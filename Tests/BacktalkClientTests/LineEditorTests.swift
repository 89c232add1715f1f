import BacktalkClient
import Testing

/// The line editing of `backtalk chat`, key by key, without a terminal.
@Suite struct LineEditorTests {
    private func type(_ text: String, into editor: inout LineEditor) {
        for character in text { _ = editor.apply(.character(character)) }
    }

    @Test func editingInTheMiddleOfTheLine() {
        var editor = LineEditor()
        type("hvor tit massage", into: &editor)
        for _ in 0..<7 { _ = editor.apply(.left) }
        type("skal jeg have ", into: &editor)
        #expect(String(editor.line) == "hvor tit skal jeg have massage")
        _ = editor.apply(.home)
        _ = editor.apply(.delete)
        type("H", into: &editor)
        _ = editor.apply(.end)
        _ = editor.apply(.backspace)
        #expect(String(editor.line) == "Hvor tit skal jeg have massag")
        _ = editor.apply(.killWord)
        #expect(String(editor.line) == "Hvor tit skal jeg have ")
        _ = editor.apply(.home)
        _ = editor.apply(.killToEnd)
        #expect(editor.line.isEmpty)
    }

    @Test func historyBrowsingKeepsTheDraft() {
        var editor = LineEditor()
        type("first", into: &editor)
        #expect(editor.apply(.enter) == .submitted("first"))
        type("second", into: &editor)
        #expect(editor.apply(.enter) == .submitted("second"))
        type("draft", into: &editor)
        _ = editor.apply(.up)
        #expect(String(editor.line) == "second")
        _ = editor.apply(.up)
        _ = editor.apply(.up)
        #expect(String(editor.line) == "first")
        _ = editor.apply(.down)
        _ = editor.apply(.down)
        #expect(String(editor.line) == "draft" && editor.cursor == 5)
        #expect(editor.history == ["first", "second"])
    }

    @Test func controlKeys() {
        var editor = LineEditor()
        type("half a question", into: &editor)
        #expect(editor.apply(.interrupt) == .cancelled && editor.line.isEmpty)
        #expect(editor.apply(.endOfInput) == .finished)
        type("æøå", into: &editor)
        _ = editor.apply(.killToStart)
        #expect(editor.line.isEmpty && editor.history.isEmpty)
    }
}
