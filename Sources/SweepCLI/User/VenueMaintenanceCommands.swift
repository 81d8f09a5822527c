import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
import SweepCore

/// A position given as two options, both or neither.
struct PositionOptions: ParsableArguments {
    @Option(name: .customLong("lon"), help: "Longitude, WGS 84 decimal degrees.") var longitude: Double?
    @Option(name: .customLong("lat"), help: "Latitude, WGS 84 decimal degrees.") var latitude: Double?

    func point() throws -> GeoPoint? {
        switch (longitude, latitude) {
        case let (lon?, lat?): return GeoPoint(longitude: lon, latitude: lat)
        case (nil, nil): return nil
        default: throw SweepError.invalid(field: longitude == nil ? "--lon" : "--lat", reason: "--lon and --lat go together")
        }
    }
}

extension VenuesCommand {
    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a venue (POST /v1/venues): a black café found on a raid, a new licensee.",
            discussion: "An unlicensed café near one closed recently is linked as its likely relocation at once (docs/registry.md).")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Registry code, unique (e.g. V-420102-00999).") var code: String
        @Option(help: "internet_cafe, tobacco_retail or other.") var kind: String
        @Option(help: "Trading name.") var name: String
        @Option(help: "Street address.") var address: String
        @Option(help: "District code.") var district: String
        @Flag(help: "The venue operates without a licence (a black café).") var unlicensed = false
        @Option(help: "Operator or legal representative.") var operatorName: String?
        @Option(help: "Stable operator key (unified social credit code).") var operatorKey: String?
        @OptionGroup var position: PositionOptions
        @Option(help: "Opening hours, HH:MM-HH:MM.") var hours: String?
        @Option(help: "Why (required; kept with the change and in the audit log).") var reason: String

        func run() async throws {
            guard let kind = VenueKind(rawValue: kind) else {
                throw SweepError.invalid(field: "--kind", reason: "use one of \(VenueKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let detail = try await server.client().registerVenue(VenueRegistration(
                code: code, kind: kind, name: name, address: address, district: district, licensed: !unlicensed, operatorName: operatorName,
                operatorKey: operatorKey, location: try position.point(), openingHours: hours, reason: reason))
            if output.format == .json { Console.out(try OutputOptions.json(detail)); return }
            Console.out("venue \(detail.summary.id) registered: \(detail.summary.code) \(detail.summary.name)")
            for link in detail.relocations {
                Console.out("relocation: \(Int(link.distanceMetres.rounded())) m from \(link.closedVenueCode) (#\(link.closedVenueId)), closed \(link.closedOn ?? "?")"
                            + (link.sameOperator == true ? ", same operator" : ""))
            }
        }
    }

    struct ReportSuspected: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report-suspected",
            abstract: "Report a venue found in the field that the registry lacks (POST /v1/venues/suspected): unlicensed, status unknown.",
            discussion: "Inspectors and coordinators within their districts. Give --report-id to make a retry register nothing twice; the district defaults to the one holding the position.")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "The report's id (a UUID; a new one when absent).") var reportId: String?
        @Option(help: "internet_cafe, tobacco_retail or other.") var kind: String = "internet_cafe"
        @Option(help: "Name on the door, or a description.") var name: String
        @Option(help: "Street address, if known.") var address: String?
        @Option(help: "District code (default: the district holding the position).") var district: String?
        @OptionGroup var position: PositionOptions

        func run() async throws {
            guard let kind = VenueKind(rawValue: kind) else {
                throw SweepError.invalid(field: "--kind", reason: "use one of \(VenueKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let id = try reportId.map { text in
                guard let id = UUID(uuidString: text) else { throw SweepError.invalid(field: "--report-id", reason: "must be a UUID, got \(text)") }
                return id
            } ?? UUID()
            guard let point = try position.point() else { throw SweepError.invalid(field: "--lon", reason: "--lon and --lat are required: where the venue is") }
            let detail = try await server.client().reportSuspectedVenue(SuspectedVenueReport(
                reportId: id, name: name, address: address, kind: kind, location: point, district: district))
            if output.format == .json { Console.out(try OutputOptions.json(detail)); return }
            Console.out("venue \(detail.summary.id) \(detail.summary.code) \(detail.summary.name) in \(detail.summary.districtCode) (unlicensed, status unknown)")
            for link in detail.relocations {
                Console.out("relocation: \(Int(link.distanceMetres.rounded())) m from \(link.closedVenueCode) (#\(link.closedVenueId)), closed \(link.closedOn ?? "?")")
            }
        }
    }

    struct Correct: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a venue's details (POST /v1/venues/{id}/correct); only the options given change, \"\" clears an optional one.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Venue id.") var id: Int64
        @Option(help: "internet_cafe, tobacco_retail or other.") var kind: String?
        @Option(help: "Trading name.") var name: String?
        @Option(help: "Street address.") var address: String?
        @Option(help: "District code (moving a venue needs your scope there too).") var district: String?
        @Option(help: "true or false.") var licensed: Bool?
        @Option(help: "Operator or legal representative.") var operatorName: String?
        @Option(help: "Stable operator key.") var operatorKey: String?
        @OptionGroup var position: PositionOptions
        @Option(help: "Opening hours, HH:MM-HH:MM.") var hours: String?
        @Option(help: "Why (required).") var reason: String

        func run() async throws {
            let kind = try self.kind.map {
                guard let k = VenueKind(rawValue: $0) else { throw SweepError.invalid(field: "--kind", reason: "use internet_cafe, tobacco_retail or other") }
                return k
            }
            let detail = try await server.client().correctVenue(id, VenueCorrection(
                kind: kind, name: name, address: address, district: district, licensed: licensed, operatorName: operatorName,
                operatorKey: operatorKey, location: try position.point(), openingHours: hours, reason: reason))
            let fields = detail.changes.first { $0.change == .venueCorrected }?.details?.keys.sorted() ?? []
            Console.out("venue \(id) corrected: \(fields.joined(separator: ", "))")
        }
    }

    struct IssueLicence: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "issue-licence", abstract: "Record a licence for a venue (POST /v1/venues/{id}/licences).")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Venue id.") var id: Int64
        @Option(help: "network_culture, business, tobacco_retail or fire_safety.") var type: String
        @Option(help: "The licence's number.") var number: String
        @Option(help: "Issuing department code, e.g. CUL.") var issuer: String
        @Option(help: "First valid day, YYYY-MM-DD.") var validFrom: String?
        @Option(help: "Last valid day, YYYY-MM-DD.") var validUntil: String?
        @Option(help: "Why (required).") var reason: String

        func run() async throws {
            guard let type = LicenceType(rawValue: type) else {
                throw SweepError.invalid(field: "--type", reason: "use one of \(LicenceType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let detail = try await server.client().issueLicence(venue: id, LicenceIssue(type: type, number: number, issuer: issuer, validFrom: validFrom,
                                                                                       validUntil: validUntil, reason: reason))
            let licence = detail.licences.first { $0.type == type && $0.number == number }
            Console.out("licence \(licence?.id.map(String.init) ?? "?") recorded for venue \(id): \(type.rawValue) \(number)")
        }
    }
}

struct SchoolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schools", abstract: "Keep the school registry through the API.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a school (POST /v1/schools); distance rules and risk use it at once.")
        @OptionGroup var server: ServerOptions
        @Option(help: "Registry code, unique.") var code: String
        @Option(help: "Name.") var name: String
        @Option(help: "kindergarten, primary or middle.") var kind: String
        @Option(help: "District code.") var district: String
        @OptionGroup var position: PositionOptions
        @Option(help: "Why (required).") var reason: String

        func run() async throws {
            guard let kind = SchoolKind(rawValue: kind) else {
                throw SweepError.invalid(field: "--kind", reason: "use one of \(SchoolKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let school = try await server.client().addSchool(SchoolRegistration(code: code, name: name, kind: kind, district: district,
                                                                                location: try position.point(), reason: reason))
            Console.out("school \(school.code) added: \(school.name)")
        }
    }
}
