import Foundation

/// WGS 84 ↔ UTM (EPSG:326ZZ north, 327ZZ south) by the Krüger series to sixth order in the third
/// flattening n, as in Karney (2011), "Transverse Mercator with an accuracy of a few nanometres".
///
/// The sixth-order series is accurate to well below a millimetre up to several thousand kilometres
/// from the central meridian, so points a few degrees outside their own zone (a province grid that
/// straddles a zone boundary) still project exactly and round-trip. Zone exceptions around Norway
/// and Svalbard are ignored: they never touch China.
public struct UTMProjection: Sendable, Hashable, Codable {
    /// UTM zone number, 1…60.
    public let zone: Int
    /// Northern hemisphere (false northing 0) or southern (false northing 10,000,000 m).
    public let north: Bool

    /// A zone by number; numbers outside 1…60 are clamped, since any other value has no EPSG code.
    public init(zone: Int, north: Bool) {
        self.zone = min(max(zone, 1), 60)
        self.north = north
    }

    /// The standard zone for a position: 6° bands from 180° W, hemisphere by the latitude's sign.
    public static func zone(for p: GeoPoint) -> UTMProjection {
        let band = Int(((p.longitude + 180) / 6).rounded(.down)) + 1
        return UTMProjection(zone: band, north: p.latitude >= 0)
    }

    /// EPSG code of the projected reference system: 326ZZ north, 327ZZ south.
    public var epsg: Int { (north ? 32600 : 32700) + zone }

    /// Longitude of the central meridian in degrees.
    public var centralMeridian: Double { Double(zone) * 6 - 183 }

    /// Easting and northing in metres, false easting 500,000 m.
    public func forward(_ p: GeoPoint) -> (x: Double, y: Double) {
        let c = UTMConstants.shared
        let φ = p.latitude * .pi / 180
        let λ = Self.wrap(p.longitude - centralMeridian) * .pi / 180
        let τ = tan(φ)
        let σ = sinh(c.e * atanh(c.e * τ / (1 + τ * τ).squareRoot()))
        // Conformal latitude as a tangent; this form stays accurate near the poles where φ itself would not.
        let τc = τ * (1 + σ * σ).squareRoot() - σ * (1 + τ * τ).squareRoot()
        let ξc = atan2(τc, cos(λ))
        let ηc = asinh(sin(λ) / (τc * τc + cos(λ) * cos(λ)).squareRoot())
        var ξ = ξc, η = ηc
        for j in 1...6 {
            let k = 2 * Double(j)
            ξ += c.alpha[j - 1] * sin(k * ξc) * cosh(k * ηc)
            η += c.alpha[j - 1] * cos(k * ξc) * sinh(k * ηc)
        }
        let x = UTMConstants.k0 * c.A * η + UTMConstants.falseEasting
        let y = UTMConstants.k0 * c.A * ξ + (north ? 0 : UTMConstants.falseNorthingSouth)
        return (x, y)
    }

    /// The WGS 84 position of an easting/northing in this zone.
    public func inverse(x: Double, y: Double) -> GeoPoint {
        let c = UTMConstants.shared
        let ξ = (y - (north ? 0 : UTMConstants.falseNorthingSouth)) / (UTMConstants.k0 * c.A)
        let η = (x - UTMConstants.falseEasting) / (UTMConstants.k0 * c.A)
        var ξc = ξ, ηc = η
        for j in 1...6 {
            let k = 2 * Double(j)
            ξc -= c.beta[j - 1] * sin(k * ξ) * cosh(k * η)
            ηc -= c.beta[j - 1] * cos(k * ξ) * sinh(k * η)
        }
        let sinhη = sinh(ηc), cosξ = cos(ξc)
        let τc = sin(ξc) / (sinhη * sinhη + cosξ * cosξ).squareRoot()
        let λ = atan2(sinhη, cosξ)
        let τ = Self.tauFromConformal(τc, e: c.e)
        let latitude = atan(τ) * 180 / .pi
        let longitude = Self.wrap(λ * 180 / .pi + centralMeridian)
        return GeoPoint(longitude: longitude, latitude: latitude)
    }

    /// Solves τ′(τ) = τc for τ by Newton's method (Karney 2011, eqs. 19–21); it converges
    /// quadratically from τ = τc, so a handful of steps reach machine precision.
    static func tauFromConformal(_ τc: Double, e: Double) -> Double {
        let e2 = e * e
        var τ = τc
        for _ in 0..<8 {
            let σ = sinh(e * atanh(e * τ / (1 + τ * τ).squareRoot()))
            let τi = τ * (1 + σ * σ).squareRoot() - σ * (1 + τ * τ).squareRoot()
            let step = (τc - τi) / (1 + τi * τi).squareRoot()
                * (1 + (1 - e2) * τ * τ) / ((1 - e2) * (1 + τ * τ).squareRoot())
            τ += step
            if abs(step) <= 1e-15 * max(1, abs(τ)) { break }
        }
        return τ
    }

    /// Longitude difference folded into [-180, 180) so a zone near the antimeridian still works.
    static func wrap(_ degrees: Double) -> Double {
        var d = degrees.truncatingRemainder(dividingBy: 360)
        if d >= 180 { d -= 360 }
        if d < -180 { d += 360 }
        return d
    }
}

/// Ellipsoid-derived series coefficients, computed once.
struct UTMConstants: Sendable {
    static let a = 6_378_137.0
    static let f = 1 / 298.257_223_563
    static let k0 = 0.9996
    static let falseEasting = 500_000.0
    static let falseNorthingSouth = 10_000_000.0
    static let shared = UTMConstants()

    let e: Double
    /// Rectifying radius: the meridian arc from equator to pole is A·π/2.
    let A: Double
    let alpha: [Double]
    let beta: [Double]

    init() {
        let f = Self.f
        let n = f / (2 - f)
        let n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n
        e = (f * (2 - f)).squareRoot()
        A = Self.a / (1 + n) * (1 + n2 / 4 + n4 / 64 + n6 / 256)
        alpha = [
            n / 2 - 2 * n2 / 3 + 5 * n3 / 16 + 41 * n4 / 180 - 127 * n5 / 288 + 7891 * n6 / 37800,
            13 * n2 / 48 - 3 * n3 / 5 + 557 * n4 / 1440 + 281 * n5 / 630 - 1_983_433 * n6 / 1_935_360,
            61 * n3 / 240 - 103 * n4 / 140 + 15061 * n5 / 26880 + 167_603 * n6 / 181_440,
            49561 * n4 / 161_280 - 179 * n5 / 168 + 6_601_661 * n6 / 7_257_600,
            34729 * n5 / 80640 - 3_418_889 * n6 / 1_995_840,
            212_378_941 * n6 / 319_334_400,
        ]
        beta = [
            n / 2 - 2 * n2 / 3 + 37 * n3 / 96 - n4 / 360 - 81 * n5 / 512 + 96199 * n6 / 604_800,
            n2 / 48 + n3 / 15 - 437 * n4 / 1440 + 46 * n5 / 105 - 1_118_711 * n6 / 3_870_720,
            17 * n3 / 480 - 37 * n4 / 840 - 209 * n5 / 4480 + 5569 * n6 / 90720,
            4397 * n4 / 161_280 - 11 * n5 / 504 - 830_251 * n6 / 7_257_600,
            4583 * n5 / 161_280 - 108_847 * n6 / 3_991_680,
            20_648_693 * n6 / 638_668_800,
        ]
    }
}
