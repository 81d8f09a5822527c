import Foundation

extension RoutingSolver {
    /// Everything about an instance the search reads but never changes, precomputed once: travel
    /// table, opening hours as integers, per-target candidate teams and spatial neighbours.
    final class Model: Sendable {
        static let neighbourCount = 24

        let targetCount: Int
        let teamCount: Int
        let value: [Double]
        let service: [Int]
        let hours: [Hours]
        let travel: TravelTable
        let shiftStart: [Int]
        let shiftEnd: [Int]
        /// Node index of each team's depot in `travel`.
        let depotNode: [Int]
        /// Teams sharing an inspector with each team during an overlapping shift.
        let clashes: [[Int32]]
        /// Per target: teams that may lawfully visit it and could fit it alone into their shift,
        /// ascending. Empty for targets worth nothing, which are never visited.
        let candidateTeams: [[Int32]]
        private let candidateBits: [UInt64]
        private let bitWords: Int
        /// Per target: nearest other targets, nearest first.
        let neighbours: [[Int32]]
        /// Targets with at least one candidate team, ascending.
        let insertable: [Int32]
        let meanValue: Double
        /// The instance's index of each model target. The model numbers targets along a Hilbert
        /// curve, so targets close on the map are close in memory: the rows of the travel table
        /// a search step reads then share cache lines, which at city scale halves the run time.
        let originalIndex: [Int]
        /// The instance with targets in model order, for debug checks against ``RouteSchedule``.
        let instance: RoutingInstance

        init(_ given: RoutingInstance) {
            originalIndex = Self.hilbertOrder(given.targets.map(\.location))
            var instance = given
            instance.targets = originalIndex.map { given.targets[$0] }
            self.instance = instance
            let eligibility = RoutingTeamEligibility(instance)
            let targets = instance.targets, teams = instance.teams
            targetCount = targets.count
            teamCount = teams.count
            value = targets.map(\.value)
            service = targets.map { max(0, $0.serviceMinutes) }
            hours = targets.map { Hours($0.hours) }
            shiftStart = teams.map(\.shiftStart)
            shiftEnd = teams.map(\.shiftEnd)

            var depotIndex: [GeoPoint: Int] = [:]
            var depots: [GeoPoint] = []
            depotNode = teams.map { team in
                if let known = depotIndex[team.depot] { return targets.count + known }
                depotIndex[team.depot] = depots.count
                depots.append(team.depot)
                return targets.count + depots.count - 1
            }
            travel = TravelTable(points: targets.map(\.location) + depots, model: instance.travel)
            clashes = eligibility.clashes.map { $0.map { Int32($0) } }

            var candidates = [[Int32]](repeating: [], count: targets.count)
            let needsRecusalCheck = teams.map { team in
                team.members.contains { !$0.conflictVenueIds.isEmpty || !$0.conflictOperatorKeys.isEmpty }
            }
            for u in targets.indices where targets[u].value > 0 && targets[u].value.isFinite {
                let target = targets[u]
                for t in teams.indices where eligibility.usable[t] && eligibility.lawfulKinds[t].contains(target.kind) {
                    if needsRecusalCheck[t] && teams[t].mustRecuse(from: target) { continue }
                    let depot = depotNode[t]
                    let arrival = shiftStart[t] + travel.minutes(depot, u)
                    let start = hours[u].earliestStart(arrival: arrival, duration: service[u], limit: shiftEnd[t])
                    guard start != Int.min else { continue }
                    if start + service[u] + travel.minutes(u, depot) <= shiftEnd[t] { candidates[u].append(Int32(t)) }
                }
            }
            candidateTeams = candidates
            bitWords = (teams.count + 63) / 64
            var bits = [UInt64](repeating: 0, count: max(1, targets.count * bitWords))
            for u in targets.indices {
                for t in candidates[u] { bits[u * bitWords + Int(t) >> 6] |= 1 << UInt64(Int(t) & 63) }
            }
            candidateBits = bits
            insertable = targets.indices.filter { !candidates[$0].isEmpty }.map { Int32($0) }
            neighbours = RoutingSolver.nearestNeighbours(of: targets.map(\.location), k: Self.neighbourCount)
            meanValue = insertable.isEmpty ? 1 : insertable.reduce(0.0) { $0 + targets[Int($1)].value } / Double(insertable.count)
        }

        /// Indices of `points` sorted along a Hilbert curve over their bounding box (ties by index).
        static func hilbertOrder(_ points: [GeoPoint]) -> [Int] {
            guard points.count > 1,
                  let minLon = points.map(\.longitude).min(), let maxLon = points.map(\.longitude).max(),
                  let minLat = points.map(\.latitude).min(), let maxLat = points.map(\.latitude).max()
            else { return Array(points.indices) }
            let side = 1 << 16
            func cell(_ value: Double, _ low: Double, _ high: Double) -> Int {
                high > low ? min(side - 1, max(0, Int((value - low) / (high - low) * Double(side - 1)))) : 0
            }
            let keys = points.map { p -> Int in
                var x = cell(p.longitude, minLon, maxLon), y = cell(p.latitude, minLat, maxLat)
                var d = 0
                var s = side / 2
                while s > 0 {
                    let rx = (x & s) > 0 ? 1 : 0, ry = (y & s) > 0 ? 1 : 0
                    d += s * s * ((3 * rx) ^ ry)
                    if ry == 0 {
                        if rx == 1 {
                            x = side - 1 - x
                            y = side - 1 - y
                        }
                        swap(&x, &y)
                    }
                    s /= 2
                }
                return d
            }
            return points.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
        }

        /// Whether team `t` is among target `u`'s candidate teams.
        @inline(__always) func isCandidate(_ u: Int, _ t: Int) -> Bool {
            candidateBits[u &* bitWords &+ (t >> 6)] & (1 << UInt64(t & 63)) != 0
        }
    }
}
