/// How intent ids relate: a dotted child (`safety.red_flags.emergency`) is a finer intent under its parent
/// (`safety.red_flags`) and counts as it wherever the parent is expected.
public enum IntentID {
    /// Whether an answer of the intent `predicted` counts where `expected` is expected: the same id, or a
    /// dotted child of it.
    public static func counts(_ predicted: String, as expected: String) -> Bool {
        predicted == expected
            || (predicted.hasPrefix(expected) && predicted.dropFirst(expected.count).first == ".")
    }
}
