/// The version of backtalk: the daemon's `status`, every program's `--version` and the Debian package's
/// version (`make deb` reads it from this file).
public enum BacktalkVersion {
    public static let current = "0.1.0"
}
