import Foundation

extension RoutingSolver {
    /// Shortens one route with 2-opt (reverse a stretch) and or-opt (move a run of up to three
    /// stops elsewhere), first improvement, until no move lowers its duration. Shorter routes are
    /// the point: the minutes saved are where the next insertion fits.
    ///
    /// A move is timed in full only when it shortens the travel legs it changes: waiting for
    /// opening is rare in these shifts, so that filter skips most work and loses little.
    @discardableResult
    static func improveRoute(_ state: inout SearchState, team t: Int, scratch: inout [Int32]) -> Bool {
        let model = state.model
        var nodes = state.routes[t].nodes
        let count = nodes.count
        guard count >= 2 else { return false }
        let depot = model.depotNode[t]
        var best = state.routes[t].duration
        var changed = false
        var improved = true
        while improved {
            improved = false
            @inline(__always) func node(_ i: Int) -> Int { i < 0 || i >= count ? depot : Int(nodes[i]) }
            twoOpt: for i in 0..<(count - 1) {
                for j in (i + 1)..<count {
                    let before = node(i - 1), first = node(i), last = node(j), after = node(j + 1)
                    let legs = model.travel.minutes(before, last) + model.travel.minutes(first, after)
                        - model.travel.minutes(before, first) - model.travel.minutes(last, after)
                    guard legs < 0 else { continue }
                    scratch.removeAll(keepingCapacity: true)
                    scratch.append(contentsOf: nodes)
                    scratch[i...j].reverse()
                    let d = model.duration(of: scratch, team: t)
                    if d >= 0 && d < best {
                        swap(&nodes, &scratch)
                        best = d
                        improved = true
                        changed = true
                        break twoOpt
                    }
                }
            }
            orOpt: for length in 1...min(3, count - 1) {
                for i in 0...(count - length) {
                    let before = node(i - 1), first = node(i), last = node(i + length - 1), after = node(i + length)
                    let saved = model.travel.minutes(before, first) + model.travel.minutes(last, after) - model.travel.minutes(before, after)
                    guard saved > 0 else { continue }
                    // Insert the run between stops k-1 and k of the original order (k outside the run).
                    for k in 0...count where k < i || k > i + length {
                        let left = node(k - 1), right = node(k)
                        let added = model.travel.minutes(left, first) + model.travel.minutes(last, right) - model.travel.minutes(left, right)
                        guard added < saved else { continue }
                        scratch.removeAll(keepingCapacity: true)
                        for index in 0..<count {
                            if index == k { for r in i..<(i + length) { scratch.append(nodes[r]) } }
                            if index < i || index >= i + length { scratch.append(nodes[index]) }
                        }
                        if k == count { for r in i..<(i + length) { scratch.append(nodes[r]) } }
                        let d = model.duration(of: scratch, team: t)
                        if d >= 0 && d < best {
                            swap(&nodes, &scratch)
                            best = d
                            improved = true
                            changed = true
                            break orOpt
                        }
                    }
                }
            }
        }
        if changed { state.reorder(team: t, to: nodes) }
        return changed
    }
}
