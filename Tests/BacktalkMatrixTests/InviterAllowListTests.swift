import BacktalkMatrix
import Testing

@Suite struct InviterAllowListTests {
    @Test func nobodyIsAllowedByDefault() throws {
        #expect(!(try InviterAllowList([])).allows("@alice:example.org"))
    }

    @Test func aUserIDAllowsThatUserAndAServerItsUsers() throws {
        let list = try InviterAllowList(["@alice:example.org", ":clinic.dk", "patients.example"])
        #expect(list.allows("@alice:example.org"))
        #expect(!list.allows("@mallory:example.org"))
        #expect(list.allows("@anyone:clinic.dk") && list.allows("@x:CLINIC.dk"))
        #expect(list.allows("@bob:patients.example"))
        #expect(!list.allows("@bob:evil.clinic.dk"), "a server name is not a suffix")
        #expect(!list.allows("clinic.dk"), "not a user ID")
    }

    @Test func aPatternThatIsNeitherIsRefusedWithWhatToGive() {
        for pattern in ["@alice", "@:example.org", "", "a b", "alice@example.org"] {
            #expect {
                try InviterAllowList([pattern])
            } throws: { error in
                (error as? InviterAllowList.InvalidPattern)?.description.contains("give a user ID") == true
            }
        }
    }
}
