import BacktalkCore
import Testing

@Suite struct TextNormalizerTests {
    @Test(arguments: [
        ("How OFTEN should I get a Massage?", "how often should i get a massage"),
        ("ondt i lænden", "ondt i laenden"),
        ("ondt i laenden", "ondt i laenden"),
        ("Ø Æ Å ø æ å", "oe ae aa oe ae aa"),
        ("på", "paa"),
        ("pa\u{030A}", "paa"),  // decomposed å
        ("ＦＵＬＬ ｗｉｄｔｈ", "full width"),  // NFKC folds full-width letters
        ("ﬁne", "fine"),  // NFKC folds the ligature
        ("Straße", "strasse"),
        ("café, naïve!", "cafe naive"),
        ("don't", "dont"),
        ("don’t", "dont"),
        ("  many   spaces\tand\nlines  ", "many spaces and lines"),
        ("back-pain...really?!", "back pain really"),
        ("", ""),
        ("?!", ""),
    ])
    func normalizes(input: String, expected: String) {
        #expect(TextNormalizer.normalized(input) == expected)
    }

    @Test func keepsLettersOfOtherScripts() {
        #expect(TextNormalizer.normalized("Привет МИР") == "привет мир")
    }
}
