import Foundation

/// The routes of the API, in one place for the server, the client and the OpenAPI check.
public enum APIPath {
    public static let health = "/healthz"
    public static let ready = "/readyz"
    public static let metrics = "/metrics"
    public static let openAPI = "/openapi.yaml"
    public static let me = "/v1/me"
    /// POST: sign in with a one-time code (public); GET: how this request is signed in.
    public static let session = "/v1/session"
    public static let sessionEnd = "/v1/session/end"
    public static let signinCodes = "/v1/signin-codes"
    /// Paired phones: inspectors' browser sessions, listed and signed out by coordinators of their area.
    public static let devices = "/v1/devices"
    public static let deviceEnd = "/v1/devices/{id}/end"
    public static let venues = "/v1/venues"
    public static let venue = "/v1/venues/{id}"
    public static let venuesSuspected = "/v1/venues/suspected"
    public static let venueClose = "/v1/venues/{id}/close"
    public static let venueReopen = "/v1/venues/{id}/reopen"
    public static let venueCorrect = "/v1/venues/{id}/correct"
    public static let venueLicences = "/v1/venues/{id}/licences"
    public static let licenceStatus = "/v1/licences/{id}/status"
    public static let schools = "/v1/schools"
    public static let events = "/v1/events"
    public static let jurisdictions = "/v1/jurisdictions"
    public static let departments = "/v1/departments"
    public static let violationTypes = "/v1/violation-types"
    public static let audit = "/v1/audit"
    public static let reportCompliance = "/v1/reports/compliance"
    public static let reportDepartments = "/v1/reports/departments"
    public static let reportProgress = "/v1/reports/progress"
}

extension APIPath {
    public static let campaigns = "/v1/campaigns"
    public static let campaign = "/v1/campaigns/{id}"
    public static let campaignPlans = "/v1/campaigns/{id}/plans"
    public static let campaignClose = "/v1/campaigns/{id}/close"
    public static let plans = "/v1/plans"
    public static let plan = "/v1/plans/{id}"
    public static let planReport = "/v1/plans/{id}/report"
    public static let planApprove = "/v1/plans/{id}/approve"
    public static let planDispatch = "/v1/plans/{id}/dispatch"
    public static let planDone = "/v1/plans/{id}/done"
    public static let planDiscard = "/v1/plans/{id}/discard"
    public static let planRepair = "/v1/plans/{id}/repair"
    public static let planProgress = "/v1/plans/{id}/progress"
    public static let campaignProgress = "/v1/campaigns/{id}/progress"
    public static let planDraw = "/v1/plans/{id}/draw"
    public static let planCSV = "/v1/plans/{id}/plan.csv"
    public static let planRouteSheet = "/v1/plans/{id}/route-sheet.html"
    public static let calendar = "/v1/calendar.ics"
    public static let inspectors = "/v1/inspectors"
    public static let inspectorUnavailability = "/v1/inspectors/{code}/unavailability"
    public static let inspectorConflicts = "/v1/inspectors/{code}/conflicts"
    public static let inspectorLimits = "/v1/inspectors/{code}/limits"
    public static let inspectorCredential = "/v1/inspectors/{code}/credential"
    public static let inspectorStatus = "/v1/inspectors/{code}/status"
}

extension APIPath {
    public static let submissions = "/v1/submissions"
    public static let submissionBatch = "/v1/submissions/batch"
    public static let evidence = "/v1/evidence"
    public static let evidenceItem = "/v1/evidence/{sha256}"
    public static let inspection = "/v1/inspections/{id}"
    public static let inspectionFindings = "/v1/inspections/{id}/findings"
    public static let cases = "/v1/cases"
    public static let caseItem = "/v1/cases/{id}"
    public static let caseActions = "/v1/cases/{id}/actions"
    public static let tips = "/v1/tips"
    public static let tipTriage = "/v1/tips/{id}/triage"
    public static let tipClose = "/v1/tips/{id}/close"
}

extension APIPath {
    public static let heatmap = "/v1/heatmap"
    public static let heatmapOffenders = "/v1/heatmap/offenders"
    public static let heatmapNearRepeat = "/v1/heatmap/near-repeat"
}

extension APIPath {
    public static let heatmapPage = "/heatmap"
    public static let signinPage = "/signin"
    public static let dashboardPage = "/dashboard"
    public static let briefPage = "/brief"
    public static let asset = "/assets/{name}"
    /// The inspectors' field app (served at `/app/`: the service worker's scope is the folder).
    public static let appPage = "/app"
    public static let appServiceWorker = "/app/sw.js"
    public static let appManifest = "/app/manifest.webmanifest"
}

extension APIPath {
    /// A path template with its parameters filled in and percent-encoded: `expand(plan, ["id": 5])` → `/v1/plans/5`.
    public static func expand(_ template: String, _ parameters: [String: any CustomStringConvertible]) -> String {
        var path = template
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        for (name, value) in parameters {
            let encoded = value.description.addingPercentEncoding(withAllowedCharacters: allowed) ?? value.description
            path = path.replacingOccurrences(of: "{\(name)}", with: encoded)
        }
        return path
    }
}
