import Foundation

extension RoutingSolver {
    /// Large-neighbourhood search around one solution: destroy a few stops, tidy the routes that
    /// lost them, re-insert greedily (with seeded noise) the removed stops and the unvisited
    /// targets near them, try swapping an unvisited target in for a cheaper visited one, then
    /// accept or undo by simulated annealing, restarting from the best solution when stuck.
    ///
    /// Every step is local: the candidates are the removed stops and their unvisited neighbours,
    /// and each is tried only in the routes that lost stops, the routes of its neighbours and two
    /// random candidate teams, so an iteration costs the same on 30 targets or 3,000.
    struct NeighbourhoodSearch {
        var state: SearchState
        let model: Model
        var rng: SeededRandom
        let minuteWeight: Double
        var targetStamp: [Int32]
        var teamStamp: [Int32]
        private(set) var stamp: Int32 = 0
        var scratch: [Int32] = []
        var repair = RepairScratch()

        init(state: SearchState, rng: SeededRandom) {
            self.state = state
            self.model = state.model
            self.rng = rng
            // A tie-breaker only: an hour of route time weighs far less than any stop.
            minuteWeight = 1e-4 * model.meanValue
            targetStamp = [Int32](repeating: 0, count: model.targetCount)
            teamStamp = [Int32](repeating: 0, count: model.teamCount)
        }

        /// Runs up to `iterations` iterations; returns how many ran and whether the deadline stopped it.
        mutating func run(iterations: Int, deadline: Deadline) -> (iterations: Int, timedOut: Bool) {
            var best = state.snapshot
            var bestValue = state.totalValue, bestDuration = state.totalDuration
            var lastImprovement = 0
            // Back to the best solution after 5% of the budget without a new best: long enough to
            // cross a valley, short enough not to wander off.
            let restartAfter = max(250, iterations / 20)
            // Early on, losing a fifth of an average stop is accepted about one time in three;
            // the temperature falls linearly so the last iterations only descend.
            let startTemperature = 0.2 * model.meanValue
            var done = 0
            while done < iterations {
                if deadline.passed { return (done, true) }
                let temperature = startTemperature * (1 - Double(done) / Double(iterations)) + 1e-9
                let before = state.score(minuteWeight: minuteWeight)
                state.beginJournal()
                iterate()
                let delta = state.score(minuteWeight: minuteWeight) - before
                if delta >= -1e-12 || rng.nextUnit() < exp(delta / temperature) {
                    state.commitJournal()
                } else {
                    state.rollbackJournal()
                }
                done += 1
                if state.totalValue > bestValue + 1e-9 || (state.totalValue > bestValue - 1e-9 && state.totalDuration < bestDuration) {
                    best = state.snapshot
                    bestValue = state.totalValue
                    bestDuration = state.totalDuration
                    lastImprovement = done
                } else if done - lastImprovement >= restartAfter {
                    state.load(best)
                    lastImprovement = done
                }
            }
            if state.totalValue < bestValue - 1e-9 || (state.totalValue < bestValue + 1e-9 && state.totalDuration > bestDuration) {
                state.load(best)
            }
            return (done, false)
        }

        /// A fresh mark for `targetStamp`/`teamStamp`, which stand in for per-call sets that
        /// would otherwise be allocated and cleared thousands of times a second.
        mutating func nextStamp() -> Int32 {
            stamp &+= 1
            if stamp == Int32.max {
                stamp = 1
                for i in targetStamp.indices { targetStamp[i] = 0 }
                for i in teamStamp.indices { teamStamp[i] = 0 }
            }
            return stamp
        }

        /// One destroy–repair step; the caller decides whether to keep it.
        private mutating func iterate() {
            guard state.visitedCount > 0 || !state.unvisited.isEmpty else { return }
            let removed = destroy()
            for k in state.touchedTeams.indices { improveRoute(&state, team: state.touchedTeams[k], scratch: &scratch) }
            let candidates = gatherCandidates(removed)
            // Sometimes pure greedy, sometimes shaken, so repeated repairs of one area differ.
            let noise = [0.0, 0.1, 0.3][rng.nextInt(below: 3)]
            var unplaced = insertGreedily(candidates, noise: noise)
            guard !unplaced.isEmpty else { return }
            var freed = false
            for k in state.touchedTeams.indices where improveRoute(&state, team: state.touchedTeams[k], scratch: &scratch) { freed = true }
            if freed { unplaced = insertGreedily(unplaced, noise: 0) }
            swapIn(unplaced)
        }
    }
}
