import Foundation

/// A planned raid on a black café: the day (history day index) and what triggered it.
struct DemoRaid: Sendable {
    /// Index into the registry's venues.
    var venue: Int
    /// History day index (see ``DemoClock``).
    var day: Int
    /// Campaign sweep or tip.
    var origin: InspectionOrigin
}

/// The life of unlicensed cafés: they open, get found and raided (取缔), and about half of the
/// raided ones reopen a few doors away under a new name.
///
/// Decided before the history is written because the relocated cafés are registry venues in
/// their own right, and because a venue's raid must come after the raid that displaced it.
enum DemoBlackCafes {
    /// Adds the city's black cafés to `registry` and returns their raids and relocations.
    static func generate(city: DemoCityArea, schools map: DemoSchoolMap, registry: inout DemoRegistry,
                         _ rng: inout SeededRandom) -> (raids: [DemoRaid], relocations: [DemoRelocation])
    {
        let lastDay = DemoClock.historyDays - 1
        let target = registry.plan.unlicensedCafes
        var raids: [DemoRaid] = []
        var relocations: [DemoRelocation] = []
        /// Raided cafés that may still reappear, in the order they were created.
        var raided: [(venue: Int, day: Int, xy: DemoXY, op: (name: String, key: String))] = []
        var created = 0

        func origin(_ rng: inout SeededRandom) -> InspectionOrigin {
            rng.chance(0.45) ? .tip : .campaign
        }

        func addOriginal(_ rng: inout SeededRandom) {
            let site = registry.blackCafeSite(city: city, schools: map, &rng)
            let opened = rng.chance(0.5) ? -1 : rng.nextInt(in: 0...600)
            let raidDay = opened < 0 ? rng.nextInt(in: 0...760) : opened + rng.nextInt(in: 20...400)
            let isRaided = raidDay <= lastDay - 2
            let op = isRaided ? registry.nextOperator(city: city, &rng) : nil
            let venue = registry.addBlackCafe(city: city, site: site, operator: op, status: isRaided ? .closed : .open,
                                              schools: map, &rng)
            if let op {
                raids.append(DemoRaid(venue: venue, day: raidDay, origin: origin(&rng)))
                raided.append((venue, raidDay, site.xy, op))
            }
            created += 1
        }

        /// Reopens raided café `r` nearby; false when it is too late in the history or no site fits.
        func relocate(_ r: (venue: Int, day: Int, xy: DemoXY, op: (name: String, key: String)),
                      _ rng: inout SeededRandom) -> Bool
        {
            let reopened = r.day + rng.nextInt(in: 14...70)
            guard reopened < lastDay - 7,
                  let site = city.sample(near: r.xy, minR: 80, maxR: 260, &rng) else { return false }
            let raidDay = reopened + rng.nextInt(in: 21...240)
            let isRaided = raidDay <= lastDay - 2
            // The principal is barred for five years, so a front person often signs for the new place.
            let op = isRaided ? (rng.chance(0.6) ? r.op : registry.nextOperator(city: city, &rng)) : nil
            let venue = registry.addBlackCafe(city: city, site: site, operator: op, status: isRaided ? .closed : .open,
                                              schools: map, &rng)
            relocations.append(DemoRelocation(closed: registry.venues[r.venue].code, reopened: registry.venues[venue].code))
            if let op {
                raids.append(DemoRaid(venue: venue, day: raidDay, origin: origin(&rng)))
                raided.append((venue, raidDay, site.xy, op))
            }
            created += 1
            return true
        }

        for _ in 0..<max(1, Int(Double(target) * 0.78)) { addOriginal(&rng) }
        var next = 0
        while created < target {
            if created == target - 1, relocations.isEmpty,
               let earliest = raided.indices.min(by: { raided[$0].day < raided[$1].day })
            {
                // Every city has seen at least one café reappear; make sure the demo shows it.
                if relocate(raided[earliest], &rng) { continue }
            }
            if next < raided.count {
                let r = raided[next]
                next += 1
                if rng.chance(0.55) { _ = relocate(r, &rng) }
            } else {
                addOriginal(&rng)
            }
        }
        return (raids, relocations)
    }
}
