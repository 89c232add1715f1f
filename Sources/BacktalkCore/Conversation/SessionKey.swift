/// Names a conversation: the session string a client chose, within the namespace of the local user who
/// sent it (the peer's uid from `SO_PEERCRED`). The same string from another user is another conversation,
/// so nobody can read or steer someone else's by guessing its name.
public struct SessionKey: Hashable, Sendable {
    /// The uid of the local user whose conversation it is.
    public var owner: UInt32
    /// The session string the client sent.
    public var name: String

    public init(owner: UInt32, name: String) {
        (self.owner, self.name) = (owner, name)
    }
}
