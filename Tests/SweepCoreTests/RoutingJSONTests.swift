import Foundation
import Testing
@testable import SweepCore

@Suite struct RoutingJSONTests {
    @Test func instanceRoundTrip() throws {
        let instance = RoutingInstanceGenerator.generate(RoutingFixtures.testSize, seed: 4)
        let data = try RoutingJSON.encode(instance)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"format_version\" : 1"))
        #expect(text.contains("\"shift_end\""))
        #expect(text.contains("\"service_minutes\""))
        #expect(text.contains("\"must_visit\""))
        #expect(!text.contains("shiftEnd"))
        #expect(try RoutingJSON.decodeInstance(data) == instance)
        // Sorted keys and fixed formatting: encoding is byte-for-byte stable.
        #expect(try RoutingJSON.encode(RoutingJSON.decodeInstance(data)) == data)
    }

    @Test func solutionRoundTrip() throws {
        let solution = RoutingSolution(routes: [[3, 1], [], [0]])
        let data = try RoutingJSON.encode(solution)
        let compact = String(decoding: data, as: UTF8.self).filter { !$0.isWhitespace }
        #expect(compact == "{\"routes\":[[3,1],[],[0]]}")
        #expect(try RoutingJSON.decodeSolution(data) == solution)
    }

    private func issues(_ body: () throws -> Void) -> [FieldIssue] {
        do {
            try body()
        } catch SweepError.invalid(let issues) {
            return issues
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return []
    }

    private func tamper(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        let instance = RoutingFixtures.handMade()
        var object = try #require(try JSONSerialization.jsonObject(with: RoutingJSON.encode(instance)) as? [String: Any])
        edit(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    @Test func wrongTypeIsLocatedByPath() throws {
        let data = try tamper { object in
            var teams = object["teams"] as! [[String: Any]]
            teams[3]["shift_end"] = "01:00"
            object["teams"] = teams
        }
        let found = issues { _ = try RoutingJSON.decodeInstance(data) }
        #expect(found.count == 1)
        #expect(found.first?.location == "teams[3].shift_end")
        #expect(found.first?.reason.contains("integer") == true)
    }

    @Test func missingKeyIsLocatedByPath() throws {
        let data = try tamper { object in
            var targets = object["targets"] as! [[String: Any]]
            targets[2]["service_minutes"] = nil
            object["targets"] = targets
        }
        let found = issues { _ = try RoutingJSON.decodeInstance(data) }
        #expect(found.first?.location == "targets[2].service_minutes")
        #expect(found.first?.reason.contains("missing") == true)
    }

    @Test func nestedPathAndInvalidDocument() throws {
        let data = try tamper { object in
            var teams = object["teams"] as! [[String: Any]]
            var members = teams[1]["members"] as! [[String: Any]]
            members[0]["inspector_id"] = NSNull()
            teams[1]["members"] = members
            object["teams"] = teams
        }
        #expect(issues { _ = try RoutingJSON.decodeInstance(data) }.first?.location == "teams[1].members[0].inspector_id")
        let garbage = issues { _ = try RoutingJSON.decodeSolution(Data("{\"routes\": [[1,".utf8)) }
        #expect(garbage.first?.location == "$")
        #expect(issues { _ = try RoutingJSON.decodeSolution(Data("{\"routes\": [[1, \"x\"]]}".utf8)) }.first?.location == "routes[0][1]")
    }

    @Test func valuesThatCannotBePlannedAreRejected() throws {
        let data = try tamper { object in
            var teams = object["teams"] as! [[String: Any]]
            teams[0]["shift_end"] = teams[0]["shift_start"]
            object["teams"] = teams
            var targets = object["targets"] as! [[String: Any]]
            targets[1]["service_minutes"] = -5
            object["targets"] = targets
            object["format_version"] = 9
        }
        let found = issues { _ = try RoutingJSON.decodeInstance(data) }
        #expect(Set(found.map(\.location)) == ["format_version", "teams[0].shift_end", "targets[1].service_minutes"])
    }

    @Test func pathSpelling() {
        #expect(JSONInput.snake("shiftEnd") == "shift_end")
        #expect(JSONInput.snake("routes") == "routes")
        #expect(JSONInput.snake("inspectorId") == "inspector_id")
    }
}
