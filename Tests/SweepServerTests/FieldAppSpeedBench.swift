import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import SweepAPI
import SweepCore
import SweepStore
import TestSupport
@testable import SweepServer

/// The field app's speed figures (`ops/bench-app`; skipped unless SWEEP_BENCH_APP is set): what the
/// shell weighs, how long the first load takes on a slow-3G link beside one bare round trip on the
/// same link, how long a paired phone takes to open from its service worker, and how soon a queued
/// visit is stored once the connection returns, beside a visit posted straight from the page.
/// Figures, not assertions: they are written to data/bench/field-app.md for docs/benchmarks.md.
@Suite(.serialized) struct FieldAppSpeedBench {
    /// Chrome DevTools' "Slow 3G" preset: 400 kbit/s each way, 2 s latency (400 ms × 5).
    let slow3G = (latency: 2000, throughput: 50_000)

    func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SWEEP_BENCH_APP"] != nil))
    func fieldAppFigures() async throws {
        try await BrowserSigninTests.withBrowserApp { app, fixture in
            try await app.test(.live) { client in
                let sweep = "http://127.0.0.1:\(try #require(client.port))"
                let today = try await FieldAppBrowserTests.planForToday(client, fixture)
                try await FieldAppBrowserTests.dispatch(client, fixture, plan: today.planId)
                let repeats = Int(ProcessInfo.processInfo.environment["SWEEP_BENCH_REPEATS"] ?? "5") ?? 5
                var lines: [String] = []

                // The shell's weight and the first load, each in a new browser (no cache, no worker).
                var firstLoads: [Double] = [], arrivals: [Double] = [], floors: [Double] = [], shellBytes = 0, installBytes = 0
                for _ in 0..<repeats {
                    let browser = try await WebDriver.start(width: 360, height: 740, phone: true)
                    do {
                        try await browser.network(offline: false, latency: slow3G.latency, download: slow3G.throughput, upload: slow3G.throughput)
                        let floorStart = Date()
                        try await browser.go("\(sweep)/healthz")
                        floors.append(Date().timeIntervalSince(floorStart))
                        try await browser.go("\(sweep)/app/")
                        try await browser.wait("the pairing screen", seconds: 60) { try await browser.script("return document.body.dataset.ready") as? String == "pairing" }
                        let figures = try await browser.script("""
                            const nav = performance.getEntriesByType('navigation')[0];
                            const shell = performance.getEntriesByType('resource').filter((e) => !e.name.includes('/v1/'));
                            const mark = performance.getEntriesByName('sweep-ready-pairing')[0];
                            const arrived = Math.max(...shell.filter((e) => e.startTime < (mark ? mark.startTime : 1e9)).map((e) => e.responseEnd));
                            return {ready: mark ? mark.startTime : -1, arrived, files: shell.map((e) => e.name.split('/').pop() + '@' + Math.round(e.startTime) + '-' + Math.round(e.responseEnd)).join(' '), bytes: nav.transferSize + shell.reduce((n, e) => n + e.transferSize, 0)};
                            """) as? [String: Any] ?? [:]
                        firstLoads.append((figures["ready"] as? Double ?? 0) / 1000)
                        arrivals.append((figures["arrived"] as? Double ?? 0) / 1000)
                        print("first load files: \(figures["files"] ?? "")")
                        shellBytes = figures["bytes"] as? Int ?? 0
                        try await browser.network(offline: false)
                        try await browser.wait("the worker's cache", seconds: 60) {
                            try await browser.asyncScript("navigator.serviceWorker.ready.then(() => caches.keys()).then((k) => done(k.length))") as? Int == 1
                        }
                        installBytes = try await browser.asyncScript("""
                            caches.keys().then((k) => caches.open(k[0])).then((c) => c.keys().then((reqs) => Promise.all(reqs.map((r) => c.match(r).then((m) => m.blob())))))
                              .then((blobs) => done(blobs.reduce((n, b) => n + b.size, 0)))
                            """) as? Int ?? 0
                    } catch {
                        await browser.quit()
                        throw error
                    }
                    await browser.quit()
                }
                lines.append("| app shell transferred on first load (page, styles, modules) | \(shellBytes / 1024) KB | ≤ 200 KB |")
                lines.append("| shell kept by the service worker (fetched again after the first load) | \(installBytes / 1024) KB | |")
                lines.append(String(format: "| first load to the pairing screen, slow 3G (median of %d) | %.2f s | ≤ 5 s |", repeats, median(firstLoads)))
                lines.append(String(format: "| … of which the last file of the first screen arrived at | %.2f s | |", median(arrivals)))
                lines.append(String(format: "| one bare request (`/healthz`) on the same link | %.2f s | baseline |", median(floors)))
                lines.append(String(format: "| first load ÷ one round trip | %.1f× | |", median(firstLoads) / max(median(floors), 0.001)))

                // A paired phone opening again on the same link: the shell from the worker, the data from IndexedDB.
                let code = try await SessionStore(db: fixture.db).issueCode(principalId: today.principal.id, lifetime: 600, actor: "test").code
                let browser = try await WebDriver.start(width: 360, height: 740, phone: true)
                do {
                    try await browser.go("\(sweep)/app/#pair=\(code)")
                    try await browser.wait("the paired app") {
                        try await browser.script("return document.querySelectorAll('[data-stop]').length") as? Int ?? 0 > 0
                    }
                    try await browser.wait("the worker in control") { try await browser.script("return !!navigator.serviceWorker.controller") as? Bool == true }
                    var reopen: [Double] = []
                    try await browser.network(offline: false, latency: slow3G.latency, download: slow3G.throughput, upload: slow3G.throughput)
                    for _ in 0..<repeats {
                        try await browser.reload()
                        try await browser.wait("the reopened app", seconds: 60) {
                            try await browser.script("return document.body.dataset.ready === 'app' && document.querySelectorAll('[data-stop]').length > 0") as? Bool == true
                        }
                        reopen.append((try await browser.script("const m = performance.getEntriesByName('sweep-ready-app')[0]; return m ? m.startTime : -1000") as? Double ?? 0) / 1000)
                    }
                    lines.append(String(format: "| a paired phone opens again, slow 3G, today's stops shown (median of %d) | %.2f s | |", repeats, median(reopen)))

                    // A queued visit after the connection returns, beside the same visit posted straight from the page.
                    try await browser.network(offline: false)
                    var queued: [Double] = [], direct: [Double] = []
                    for i in 0..<min(repeats, today.stops.count - 1) {
                        try await browser.network(offline: true)
                        try await browser.wait("offline") { try await browser.script("return navigator.onLine") as? Bool == false }
                        try await FieldAppBrowserTests.recordVisit(browser, stop: today.stops[i].stop, facts: "现场检查。")
                        try await FieldAppBrowserTests.saved(browser)
                        let back = Date()
                        try await browser.network(offline: false)
                        try await browser.wait("the queued visit stored", seconds: 30) {
                            try await FieldAppBrowserTests.count(fixture.db, "SELECT count(*)::int FROM inspection WHERE sweep_stop_id = \(today.stops[i].stop)") == 1
                        }
                        queued.append(Date().timeIntervalSince(back))
                        let posted = try await browser.asyncScript("""
                            const body = {submission_id: crypto.randomUUID(), venue_id: \(today.stops[i].venue), arrived_at: new Date(Date.now() - 600000).toISOString(),
                                          departed_at: new Date().toISOString(), outcome: 'inspected', findings: [], sweep_stop_id: \(today.stops[i].stop)};
                            window.sweepField.csrf().then((token) => {
                              const t0 = performance.now();
                              return fetch('/v1/submissions', {method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': token}, body: JSON.stringify(body)})
                                .then((r) => r.text().then((text) => done({status: r.status, seconds: (performance.now() - t0) / 1000, text})));
                            }).catch((e) => done({status: 0, error: String(e)}));
                            """) as? [String: Any] ?? [:]
                        #expect(posted["status"] as? Int == 201, "the direct post: \(posted)")
                        direct.append(posted["seconds"] as? Double ?? 0)
                    }
                    lines.append(String(format: "| a queued visit stored after the connection returns (median of %d) | %.2f s | ≤ 2 s |", queued.count, median(queued)))
                    lines.append(String(format: "| the same visit posted straight from the page | %.2f s | baseline |", median(direct)))
                } catch {
                    await browser.quit()
                    throw error
                }
                await browser.quit()

                let folder = URL(fileURLWithPath: TestDatabase.packageRoot + "/data/bench")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let text = "| field app | measured | target |\n|---|---|---|\n" + lines.joined(separator: "\n") + "\n"
                try text.write(to: folder.appendingPathComponent("field-app.md"), atomically: true, encoding: .utf8)
                print(text)
            }
        }
    }
}
