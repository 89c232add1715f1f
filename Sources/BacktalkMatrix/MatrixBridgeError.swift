/// Why the bot stopped.
public enum MatrixBridgeError: Error, CustomStringConvertible {
    /// The homeserver refused the access token.
    case refusedToken(MatrixRequestError)

    public var description: String {
        switch self {
        case .refusedToken(let error):
            "\(error): the access token is not valid (revoked, expired or mistyped); log the bot user in again "
                + "and put the new token in the token file (docs/CONVERSATIONS.md, \"Matrix\")"
        }
    }
}
