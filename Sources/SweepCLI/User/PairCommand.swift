import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
import SweepCore

extension TokenCommand {
    /// Pairs an inspector's phone with the field app: a short one-time code, the link that carries
    /// it, and the same link as a QR code (the phone's camera opens the app already pairing).
    struct Pair: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pair",
            abstract: "Issue a one-time pairing code for an inspector's phone (the field app at /app/), with its link and QR code (calls POST /v1/signin-codes).",
            discussion: """
                Coordinators pair inspectors of their area; admins anyone. The phone opens the link (or scans the QR code), \
                the app exchanges the code for a session bound to that inspector; `sweep token sessions` lists the phones \
                and `sweep token end-session` signs one out. With --plan and --sweep, codes for every member of the sweep \
                are added to its route sheet as QR codes (--route-sheet FILE.html). QR codes need Debian's qrencode.
                """)
        @OptionGroup var server: ServerOptions
        @Option(help: "The staff code of the inspector whose phone is paired.") var inspector: String?
        @Option(help: "Or the inspector's principal id (each demo token line shows it).") var principal: Int64?
        @Option(help: "How long the code works, in minutes (1–1440).") var minutes: Int = 30
        @Option(help: "Also write the QR code as SVG to this file.") var qr: String?
        @Option(help: "With --sweep: the plan whose route sheet gets pairing codes for the sweep's members.") var plan: Int64?
        @Option(help: "With --plan: the sweep.") var sweep: Int64?
        @Option(help: "Where to write the route sheet with the members' pairing QR codes.") var routeSheet: String?
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func validate() throws {
            if inspector == nil && principal == nil && (plan == nil || sweep == nil || routeSheet == nil) {
                throw ValidationError("give --inspector CODE (or --principal ID), or --plan, --sweep and --route-sheet FILE.html for a sweep's members")
            }
        }

        func run() async throws {
            let client = try server.client()
            if inspector != nil || principal != nil {
                let issued = try await client.issueSigninCode(SigninCodeRequest(principalId: principal, inspector: inspector, expiresInMinutes: minutes))
                let link = Self.link(client, issued.code)
                if format == .json {
                    Console.out(try OutputOptions.json(PairingCode(code: issued.code, link: link, principal: issued.principal, expiresAt: issued.expiresAt)))
                } else {
                    Console.out(issued.code)
                    Console.info("pairs a phone with \(issued.principal.name) until \(issued.expiresAt.formatted(.iso8601)), once: open \(link)")
                    if let picture = try? QRCode.render(link, as: "UTF8") { Console.info(picture) }
                }
                if let qr { try QRCode.render(link, as: "SVG").write(toFile: qr, atomically: true, encoding: .utf8) }
            }
            if let plan, let sweep, let routeSheet {
                try await writeRouteSheet(client, plan: plan, sweep: sweep, to: routeSheet)
            }
        }

        /// The route sheet of one sweep with a pairing QR code for each member, to print for the team.
        func writeRouteSheet(_ client: SweepClient, plan: Int64, sweep: Int64, to file: String) async throws {
            let view = try await client.plan(plan)
            guard let members = view.sweeps.first(where: { $0.sweepId == sweep })?.members else {
                throw SweepError.notFound("sweep \(sweep) in plan \(plan)")
            }
            var cards: [String] = []
            var paired = 0
            for member in members {
                let issued: IssuedSigninCode
                do {
                    issued = try await client.issueSigninCode(SigninCodeRequest(inspector: member.code, expiresInMinutes: minutes))
                } catch {
                    // One member without an account must not cost the others their codes.
                    Console.info("\(member.code) \(member.name): no pairing code — \(error)")
                    cards.append("""
                        <figure class="pair"><figcaption>\(HTMLText.escape(member.name)) · \(HTMLText.escape(member.department.rawValue))<br>
                        无账号，请管理员开通 no account: an admin issues one with `sweep token issue --role inspector --inspector \(HTMLText.escape(member.code))`</figcaption></figure>
                        """)
                    continue
                }
                paired += 1
                let svg = try QRCode.render(Self.link(client, issued.code), as: "SVG")
                cards.append("""
                    <figure class="pair"><div>\(svg.drop { $0 != "<" }.replacingOccurrences(of: "<?xml", with: "<!--xml"))</div>
                    <figcaption>\(HTMLText.escape(member.name)) · \(HTMLText.escape(member.department.rawValue)) · \(issued.code)<br>
                    至 until \(issued.expiresAt.formatted(.iso8601))</figcaption></figure>
                    """)
            }
            let section = """
                <section class="pairing"><h2>手机配对 Pair the phones</h2>
                <p>用手机相机扫描，打开现场检查应用并配对；每个码只能用一次。Scan with the phone's camera: it opens the field app and pairs; each code works once.</p>
                <style>.pairing figure{display:inline-block;width:12rem;margin:.5rem;text-align:center}.pairing svg{width:100%;height:auto}</style>
                \(cards.joined(separator: "\n"))</section>
                """
            var sheet = try await client.routeSheet(plan, sweep: sweep)
            if let end = sheet.range(of: "</body>", options: .backwards) { sheet.insert(contentsOf: section, at: end.lowerBound) } else { sheet += section }
            try sheet.write(toFile: file, atomically: true, encoding: .utf8)
            Console.info("wrote \(file): the route sheet of sweep \(sweep) with pairing codes for \(paired) of \(members.count) members, valid \(minutes) minutes")
        }

        static func link(_ client: SweepClient, _ code: String) -> String {
            var base = client.baseURL.absoluteString
            while base.hasSuffix("/") { base.removeLast() }
            return "\(base)/app/#pair=\(code)"
        }
    }
}

/// The pairing code as `--format json` prints it.
struct PairingCode: Codable {
    var code: String
    var link: String
    var principal: Principal
    var expiresAt: Date
}

/// QR codes drawn by Debian's `qrencode` (libqrencode's command): a terminal picture or SVG.
enum QRCode {
    static func render(_ text: String, as type: String) throws -> String {
        guard let tool = ["/usr/bin/qrencode", "/usr/local/bin/qrencode"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw SweepError.unavailable("QR codes need qrencode: apt-get install qrencode (ops/install-deps installs it); the code and link above work without it")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-t", type, "-l", "M", "-m", "2", "-o", "-", text]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SweepError.unavailable("qrencode failed (exit \(process.terminationStatus))") }
        return String(decoding: data, as: UTF8.self)
    }
}

extension TokenCommand {
    /// The paired phones a coordinator may see: inspectors' browser sessions of their area.
    struct Devices: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List paired phones: the browser sessions of inspectors of your area (calls GET /v1/devices).")
        @OptionGroup var server: ServerOptions
        @Option(help: "Only this inspector principal's phones.") var principal: Int64?
        @Flag(help: "Include phones signed out or expired.") var all = false
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() async throws {
            let devices = try await server.client().devices(includeEnded: all, principal: principal)
            if format == .json { Console.out(try OutputOptions.json(devices)); return }
            var rows: [[String]] = []
            for d in devices {
                rows.append([String(d.id), d.principal.name, String(d.principal.id), String((d.userAgent ?? "").prefix(40)),
                             d.createdAt.formatted(.iso8601), d.lastSeenAt?.formatted(.iso8601) ?? "", d.expiresAt.formatted(.iso8601),
                             d.endedAt.map { "\($0.formatted(.iso8601)) \(d.endedBy ?? "")" } ?? ""])
            }
            Console.out(TextTable.render(header: ["id", "inspector", "principal", "phone", "paired", "last seen", "until", "ended"], rows: rows))
        }
    }

    /// Signs a paired phone out at once (a lost phone, a person who left).
    struct Unpair: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a paired phone out at once (calls POST /v1/devices/{id}/end); its queued visits stay on the phone until it is paired again.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "The phone's id (see `sweep token devices`).") var id: Int64
        @Option(help: "Why (required; kept in the audit log).") var reason: String

        func run() async throws {
            try await server.client().endDevice(id, reason: reason)
            Console.info("phone \(id) signed out")
        }
    }
}
