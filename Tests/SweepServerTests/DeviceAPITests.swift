import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import SweepAPI
import SweepCore
import SweepStore
import TestSupport
@testable import SweepServer

/// Paired phones: a district coordinator sees and signs out the phones of inspectors of their
/// district, never those of another district; a phone signed out is refused at once.
@Suite struct DeviceAPITests {
    @Test func aCoordinatorListsAndSignsOutThePhonesOfTheirArea() async throws {
        try await APITests.withSeededApp { app, fixture in
            var districts: [String] = []
            for try await code in try await fixture.db.query("SELECT code FROM jurisdiction WHERE level = 'district' ORDER BY code LIMIT 2").decode(String.self) {
                districts.append(code)
            }
            try #require(districts.count == 2)
            let tokens = TokenStore(db: fixture.db), sessions = SessionStore(db: fixture.db)
            let coordinator = try await tokens.issue(.init(name: "区协调员", role: .coordinator, scope: [districts[0]]), actor: "test").secret
            var phoneList: [Int64] = [], secretList: [String] = [], inspectorList: [Int64] = []
            for district in districts {
                let inspector = try await tokens.issue(.init(name: "检查员 \(district)", role: .inspector, department: .culture, scope: [district]), actor: "test").principal
                let code = try await sessions.issueCode(principalId: inspector.id, lifetime: 600, actor: "test").code
                let signed = try await sessions.signIn(code: code, userAgent: "Mozilla/5.0 (Linux; Android 14) phone")
                phoneList.append(signed.sessionId)
                secretList.append(try #require(signed.secret))
                inspectorList.append(inspector.id)
            }
            let phones = phoneList, secrets = secretList, inspectors = inspectorList
            try await app.test(.router) { client in
                let listed = try await client.execute(uri: "/v1/devices", method: .get, headers: APITests.auth(coordinator)) { r in
                    #expect(r.status == .ok, "\(String(buffer: r.body))")
                    return try APITests.decode([BrowserSessionRecord].self, r.body)
                }
                #expect(listed.map(\.id) == [phones[0]], "only the phone of the coordinator's district")
                #expect(listed.first?.userAgent?.contains("Android") == true && listed.first?.principal.id == inspectors[0])

                let (other, _) = try await SessionAPITests.status(client, "/v1/devices/\(phones[1])/end", .post, APITests.auth(coordinator), body: #"{"reason": "lost"}"#)
                #expect(other == .forbidden, "another district's phone is not theirs to sign out")
                let (noReason, text) = try await SessionAPITests.status(client, "/v1/devices/\(phones[0])/end", .post, APITests.auth(coordinator), body: #"{"reason": " "}"#)
                #expect(noReason == .unprocessableContent && text.contains("reason"), "\(text)")
                let (ended, _) = try await SessionAPITests.status(client, "/v1/devices/\(phones[0])/end", .post, APITests.auth(coordinator), body: #"{"reason": "手机遗失 lost phone"}"#)
                #expect(ended == .noContent)
                let (again, _) = try await SessionAPITests.status(client, "/v1/devices/\(phones[0])/end", .post, APITests.auth(coordinator), body: #"{"reason": "again"}"#)
                #expect(again == .conflict)
                // The phone is refused at once; the other district's phone still works.
                let (gone, _) = try await SessionAPITests.status(client, "/v1/session", .get, SessionAPITests.cookie(secrets[0]))
                #expect(gone == .unauthorized)
                let (kept, _) = try await SessionAPITests.status(client, "/v1/session", .get, SessionAPITests.cookie(secrets[1]))
                #expect(kept == .ok)
                let all = try await client.execute(uri: "/v1/devices?all=true", method: .get, headers: APITests.auth(coordinator)) { r in
                    try APITests.decode([BrowserSessionRecord].self, r.body)
                }
                #expect(all.first?.endedBy == "revoked" && all.first?.endedAt != nil)
                let (zero, why) = try await SessionAPITests.status(client, "/v1/devices?principal=0", .get, APITests.auth(coordinator))
                #expect(zero == .unprocessableContent && why.contains("principal"), "\(why)")
                let (leader, _) = try await SessionAPITests.status(client, "/v1/devices", .get, APITests.auth(fixture.tokens[.leader]))
                #expect(leader == .forbidden)
            }
            let audited = try await FindingsAPITests.count(fixture.db, "SELECT count(*)::int FROM audit_log WHERE action = 'session.revoke' AND reason = '手机遗失 lost phone'")
            #expect(audited == 1)
        }
    }
}
