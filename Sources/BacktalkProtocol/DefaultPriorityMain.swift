import Dispatch

/// Runs a program's asynchronous work at the default task priority and never returns.
///
/// An `async` main task runs at a high priority, and every task it awaits is raised to it. libdispatch gives
/// the worker threads of a high priority a lower nice value, which a service without `CAP_SYS_NICE` may not
/// take, and logs "Failed to set thread priority" for each. Started detached at the default priority and
/// awaited by nobody, the work never asks for such a thread.
public enum DefaultPriorityMain {
    /// Runs `work` detached at `.medium` priority while the main thread waits; `work` ends the process.
    public static func run(_ work: @escaping @Sendable () async -> Never) -> Never {
        Task.detached(priority: .medium) { await work() }
        dispatchMain()
    }
}
