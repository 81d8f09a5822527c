import Foundation

/// Window queries over a ``HeatIndex``: the same answers as the SQL over `heat_venue_month`
/// (per-venue counts, then the grid), computed by one pass over the window's months.
extension HeatIndex {
    /// Per-venue sums over the window, before venue filters.
    struct WindowSums {
        var inspections: [Int32]
        var violations: [Int32]
        /// The venue has a rollup row in the window that passes the campaign filter.
        var present: [Bool]
    }

    /// Inspections and violations per venue in the window, for the venues that pass the filters
    /// (kind, jurisdiction and located): what `HeatMapStore.venueCounts` returns from SQL.
    /// `within` clips to venues in those jurisdictions (a caller's scope; nil = everywhere).
    public func venueCounts(_ request: HeatMapRequest, jurisdiction: String? = nil, within: [String]? = nil) throws -> [VenueWindowCounts] {
        let sums = try windowSums(request)
        var out: [VenueWindowCounts] = []
        for slot in selectedVenues(request, jurisdiction: jurisdiction, within: within, sums) {
            out.append(VenueWindowCounts(venueId: venueIDs[slot], location: GeoPoint(longitude: longitude[slot], latitude: latitude[slot]),
                                         inspections: Int(sums.inspections[slot]), violations: Int(sums.violations[slot])))
        }
        return out
    }

    /// The window's counts binned into the request's grid, laid over the selected venues' extent:
    /// equal to `HeatMapBuilder.tally(request, venues: venueCounts(request))`, without building
    /// the venue list or projecting a venue twice.
    public func tally(_ request: HeatMapRequest, jurisdiction: String? = nil, within: [String]? = nil, maxCells: Int = 250_000) throws -> HeatCellTally {
        let sums = try windowSums(request)
        let selected = selectedVenues(request, jurisdiction: jurisdiction, within: within, sums)
        guard let first = selected.first else { throw HeatMapBuilder.emptyWindow(request) }
        var bounds = HeatGridExtent.Bounds(point: GeoPoint(longitude: longitude[first], latitude: latitude[first]))
        for slot in selected {
            let lon = longitude[slot], lat = latitude[slot]
            bounds.west = min(bounds.west, lon); bounds.east = max(bounds.east, lon)
            bounds.south = min(bounds.south, lat); bounds.north = max(bounds.north, lat)
        }
        let grid = try HeatGrid.validated(shape: request.shape, sizeMetres: request.sizeMetres, bounds: bounds, maxCells: maxCells)
        let (xs, ys) = projections.coordinates(grid.projection, longitude: longitude, latitude: latitude)
        var cells: [Int64: HeatCellTally.Counts] = [:]
        cells.reserveCapacity(min(selected.count, maxCells))
        var total = 0
        for slot in selected {
            let v = Int(sums.violations[slot])
            cells[grid.key(x: xs[slot], y: ys[slot]), default: .init()].add(inspections: Int(sums.inspections[slot]), violations: v,
                                                                            threshold: request.repeatThreshold)
            total += v
        }
        return HeatCellTally(grid: grid, cells: cells, venues: selected.count, violations: total, bounds: bounds)
    }

    func windowSums(_ request: HeatMapRequest) throws -> WindowSums {
        _ = try request.window()
        guard let from = Self.monthNumber(request.from), let to = Self.monthNumber(request.to) else {
            throw SweepError.invalid(field: "from", reason: "months are written YYYY-MM")
        }
        let n = venueIDs.count
        var sums = WindowSums(inspections: Array(repeating: 0, count: n), violations: Array(repeating: 0, count: n),
                              present: Array(repeating: false, count: n))
        // Codes and departments this index has never seen match nothing, as in SQL.
        let codeFilter: Set<UInt16>? = request.violationCodes.isEmpty ? nil : Set(request.violationCodes.compactMap { codeLookup[$0] })
        let departmentFilter: Set<UInt8>? = request.departments.isEmpty ? nil : Set(request.departments.compactMap { departmentLookup[$0.rawValue] })
        let campaign = request.campaignId
        let filtered = codeFilter != nil || departmentFilter != nil || campaign != nil
        for month in from..<to {
            guard let facts = months[month] else { continue }
            if !filtered && facts.totalsCurrent {
                Self.add(totals: facts.totals, into: &sums)
                continue
            }
            facts.venue.withUnsafeBufferPointer { venue in
                facts.inspections.withUnsafeBufferPointer { inspections in
                    facts.violations.withUnsafeBufferPointer { violations in
                        for i in 0..<venue.count {
                            if let campaign, facts.campaign[i] != campaign { continue }
                            let v = Int(venue[i])
                            sums.present[v] = true
                            sums.inspections[v] &+= inspections[i]
                            if violations[i] == 0 { continue }
                            if let codeFilter, !codeFilter.contains(facts.code[i]) { continue }
                            if let departmentFilter, !departmentFilter.contains(facts.department[i]) { continue }
                            sums.violations[v] &+= violations[i]
                        }
                    }
                }
            }
        }
        return sums
    }

    static func add(totals: (venue: [Int32], inspections: [Int32], violations: [Int32]), into sums: inout WindowSums) {
        totals.venue.withUnsafeBufferPointer { venue in
            totals.inspections.withUnsafeBufferPointer { inspections in
                totals.violations.withUnsafeBufferPointer { violations in
                    sums.present.withUnsafeMutableBufferPointer { present in
                        sums.inspections.withUnsafeMutableBufferPointer { sumInspections in
                            sums.violations.withUnsafeMutableBufferPointer { sumViolations in
                                for i in 0..<venue.count {
                                    let v = Int(venue[i])
                                    present[v] = true
                                    sumInspections[v] &+= inspections[i]
                                    sumViolations[v] &+= violations[i]
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Slots of the venues with rows in the window that are located and pass kind and jurisdiction.
    func selectedVenues(_ request: HeatMapRequest, jurisdiction: String?, within: [String]? = nil, _ sums: WindowSums) -> [Int] {
        let kindFilter: Set<VenueKind>? = request.venueKinds.isEmpty ? nil : Set(request.venueKinds)
        let allowed: Set<Int32>? = within.map { Set($0.compactMap { placeLookup[$0] }) }
        var place: Int32?
        if let jurisdiction {
            guard let p = placeLookup[jurisdiction] else { return [] }
            place = p
        }
        var out: [Int] = []
        for slot in sums.present.indices where sums.present[slot] {
            guard longitude[slot].isFinite && latitude[slot].isFinite else { continue }
            if let kindFilter, !kindFilter.contains(kinds[slot]) { continue }
            if let place {
                let p = placeSlots[slot]
                guard p.0 == place || p.1 == place || p.2 == place else { continue }
            }
            if let allowed {
                let p = placeSlots[slot]
                guard allowed.contains(p.0) || allowed.contains(p.1) || allowed.contains(p.2) else { continue }
            }
            out.append(slot)
        }
        return out
    }
}
