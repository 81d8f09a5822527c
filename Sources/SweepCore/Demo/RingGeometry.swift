import Foundation

/// Whether `p` lies inside the closed ring `ring` (even–odd ray casting on lon/lat as plane
/// coordinates).
///
/// Generated venues must land inside their district, and imported boundaries must be checked the
/// same way; at district scale treating degrees as planar coordinates is exact enough (edges are
/// short and no ring crosses the antimeridian in China). A point exactly on an edge may go either
/// way. The ring may or may not repeat its first point at the end.
public func polygonContains(_ ring: [GeoPoint], _ p: GeoPoint) -> Bool {
    let n = ring.count
    guard n >= 3 else { return false }
    var inside = false
    var j = n - 1
    for i in 0..<n {
        let a = ring[i], b = ring[j]
        if (a.latitude > p.latitude) != (b.latitude > p.latitude) {
            let t = (p.latitude - a.latitude) / (b.latitude - a.latitude)
            let x = a.longitude + t * (b.longitude - a.longitude)
            if p.longitude < x { inside.toggle() }
        }
        j = i
    }
    return inside
}

/// Twice the signed area of `ring` in square degrees (shoelace): positive for a
/// counter-clockwise ring.
///
/// RFC 7946 wants exterior rings counter-clockwise; the sign is the cheapest way to check it
/// and to fix a ring by reversing it.
public func ringSignedDoubleArea(_ ring: [GeoPoint]) -> Double {
    guard ring.count >= 3 else { return 0 }
    var sum = 0.0
    var j = ring.count - 1
    for i in 0..<ring.count {
        sum += (ring[j].longitude * ring[i].latitude) - (ring[i].longitude * ring[j].latitude)
        j = i
    }
    return sum
}
