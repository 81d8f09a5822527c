import Foundation

/// What a request touches, as the access matrix (docs/access.md) names it.
public enum Resource: String, Sendable, CaseIterable, Hashable {
    /// The caller's own principal (`/v1/me`).
    case profile
    /// The caller's own browser session (what it is, signing it out).
    case session
    /// One-time codes a browser signs in with, issued for another principal.
    case signinCode = "signin_code"
    /// Paired phones: the browser sessions of inspectors.
    case device
    /// Jurisdictions, departments and the violation catalogue: reference data without a place.
    case catalogue
    case venue
    /// Schools, which the distance rules are measured from.
    case school
    /// The feed of domain events other systems read.
    case event
    case campaign
    /// Plan views and the outputs teams use (CSV, route sheets).
    case plan
    /// What only planners see: the plan report (unplaced must-visits, repair moves) and the random draw.
    case planInternals = "plan_internals"
    case calendar
    case roster
    /// Filing visits with their findings.
    case submission
    case inspection
    /// A new revision of one department's finding.
    case finding
    case evidence
    case caseFile = "case"
    case tip
    case heatMap = "heat_map"
    case offenders
    /// Leadership summaries: progress, the compliance estimate, department evaluation.
    case report
    case audit
}

/// What is done to a resource.
public enum Action: String, Sendable, CaseIterable, Hashable {
    case read
    case create
    case change
}

/// One cell of the matrix: a resource and an action.
public struct Permission: Sendable, Hashable, CustomStringConvertible {
    public var resource: Resource
    public var action: Action

    public init(_ resource: Resource, _ action: Action) {
        self.resource = resource
        self.action = action
    }

    public var description: String { "\(action.rawValue) \(resource.rawValue)" }
}

/// How far a role's permission reaches.
public enum ScopeRule: String, Sendable, Hashable, CaseIterable {
    /// No place involved: the caller's own profile, reference data, uploading content-addressed bytes.
    case anyone
    /// Admins: no limit.
    case everywhere
    /// The target lies in the caller's jurisdictions (or below them).
    case jurisdiction
    /// Jurisdiction, and the target belongs to the caller's department.
    case department
    /// Jurisdiction, and the target (a tip) is routed to the caller's department.
    case routedToDepartment = "routed_to_department"
    /// Inspectors: planned visits only for stops of sweeps they are on, unplanned visits within their
    /// jurisdictions, findings only for their department; plans only their own dispatched sweeps.
    case ownSweeps = "own_sweeps"
    /// Every jurisdiction of the campaign lies within the caller's jurisdictions.
    case campaignArea = "campaign_area"
    /// Leaders: campaign area, and the plan dispatched or done (never sealed targets).
    case dispatchedInArea = "dispatched_in_area"
    /// The answer is computed only from what lies within the caller's jurisdictions.
    case clipped
    /// The target is an inspector's principal whose every jurisdiction lies within the caller's.
    case inspectorsInArea = "inspectors_in_area"
}

/// What decides a request: allowed, hidden (answered 404, so existence does not leak) or refused
/// (403 with the reason).
public enum AccessDecision: Sendable, Hashable {
    case allow
    case hide(String)
    case refuse(String)

    /// Throws the decision as the error the edges map to 404 or 403.
    public func enforce() throws {
        switch self {
        case .allow: return
        case .hide(let what): throw SweepError.notFound(what)
        case .refuse(let why): throw SweepError.forbidden(why)
        }
    }
}

/// The facts about one target the policy needs, loaded by the store, judged here.
public struct AccessTarget: Sendable, Hashable {
    /// What the caller asked for, as a 404 names it ("case 12").
    public var name: String
    /// The jurisdiction paths the target lies in, each nearest first (district, city, province). A
    /// campaign has one per jurisdiction of its area; a target with no known place has none.
    public var places: [[String]]
    /// The departments the target belongs to (a case's, a tip's routing, an inspection's findings).
    public var departments: Set<DepartmentCode>
    /// For a planned visit or a sweep: the registry inspectors on it.
    public var sweepMembers: Set<Int64>?
    /// For plans: whether the plan (or the sweep) has been dispatched (or is done).
    public var dispatched: Bool?
    /// For submissions: whether it is a planned visit (a sweep stop) rather than an unplanned one.
    public var planned: Bool
    /// For sign-in codes: the role of the principal the code signs in as.
    public var role: Role?

    public init(name: String, places: [[String]] = [], departments: Set<DepartmentCode> = [], sweepMembers: Set<Int64>? = nil,
                dispatched: Bool? = nil, planned: Bool = false, role: Role? = nil) {
        self.role = role
        self.name = name
        self.places = places
        self.departments = departments
        self.sweepMembers = sweepMembers
        self.dispatched = dispatched
        self.planned = planned
    }
}

/// How a list is narrowed for a caller; the store turns it into SQL (and row-level security into a
/// second check).
public struct ListScope: Sendable, Hashable {
    /// Jurisdiction ids the caller reaches (their scope and everything below it); nil = everywhere.
    public var jurisdictionIds: [Int64]?
    /// Only this department's rows.
    public var department: DepartmentCode?
    /// Only this registry inspector's sweeps.
    public var inspectorId: Int64?
    /// Only plans dispatched or done.
    public var dispatchedOnly: Bool

    public init(jurisdictionIds: [Int64]? = nil, department: DepartmentCode? = nil, inspectorId: Int64? = nil, dispatchedOnly: Bool = false) {
        self.jurisdictionIds = jurisdictionIds
        self.department = department
        self.inspectorId = inspectorId
        self.dispatchedOnly = dispatchedOnly
    }

    public static let everything = ListScope()
}

/// Who may do what, decided in one place. Every route declares its `Permission`; the role check
/// happens before the handler runs, the scope check where the target's facts are known.
public enum AccessPolicy {
    /// The matrix: for each permission, the roles that have it and how far it reaches. A role that
    /// is absent may not do it at all. docs/access.md is this table in words; a test keeps them equal.
    public static let matrix: [Permission: [Role: ScopeRule]] = [
        Permission(.profile, .read): [.admin: .anyone, .coordinator: .anyone, .inspector: .anyone, .handler: .anyone, .leader: .anyone],
        Permission(.session, .read): [.admin: .anyone, .coordinator: .anyone, .inspector: .anyone, .handler: .anyone, .leader: .anyone],
        Permission(.session, .change): [.admin: .anyone, .coordinator: .anyone, .inspector: .anyone, .handler: .anyone, .leader: .anyone],
        Permission(.signinCode, .create): [.admin: .everywhere, .coordinator: .inspectorsInArea],
        Permission(.device, .read): [.admin: .everywhere, .coordinator: .inspectorsInArea],
        Permission(.device, .change): [.admin: .everywhere, .coordinator: .inspectorsInArea],
        Permission(.catalogue, .read): [.admin: .anyone, .coordinator: .anyone, .inspector: .anyone, .handler: .anyone, .leader: .anyone],
        Permission(.venue, .read): [.admin: .everywhere, .coordinator: .jurisdiction, .inspector: .jurisdiction, .handler: .jurisdiction,
                                    .leader: .jurisdiction],
        Permission(.venue, .change): [.admin: .everywhere, .coordinator: .jurisdiction],
        Permission(.venue, .create): [.admin: .everywhere, .coordinator: .jurisdiction, .inspector: .jurisdiction],
        Permission(.school, .change): [.admin: .everywhere, .coordinator: .jurisdiction],
        Permission(.event, .read): [.admin: .everywhere, .coordinator: .jurisdiction],
        Permission(.campaign, .create): [.admin: .everywhere, .coordinator: .campaignArea],
        Permission(.campaign, .change): [.admin: .everywhere, .coordinator: .campaignArea],
        Permission(.campaign, .read): [.admin: .everywhere, .coordinator: .campaignArea, .leader: .campaignArea],
        Permission(.plan, .create): [.admin: .everywhere, .coordinator: .campaignArea],
        Permission(.plan, .change): [.admin: .everywhere, .coordinator: .campaignArea],
        Permission(.plan, .read): [.admin: .everywhere, .coordinator: .campaignArea, .leader: .dispatchedInArea, .inspector: .ownSweeps],
        Permission(.planInternals, .read): [.admin: .everywhere, .coordinator: .campaignArea],
        Permission(.calendar, .read): [.admin: .everywhere, .coordinator: .jurisdiction, .inspector: .ownSweeps],
        Permission(.roster, .read): [.admin: .everywhere, .coordinator: .jurisdiction],
        Permission(.roster, .change): [.admin: .everywhere, .coordinator: .jurisdiction],
        Permission(.submission, .create): [.admin: .everywhere, .coordinator: .jurisdiction, .inspector: .ownSweeps],
        Permission(.inspection, .read): [.admin: .everywhere, .coordinator: .jurisdiction, .inspector: .jurisdiction, .handler: .department],
        Permission(.finding, .create): [.admin: .everywhere, .coordinator: .jurisdiction, .inspector: .department],
        Permission(.evidence, .create): [.admin: .anyone, .coordinator: .anyone, .inspector: .anyone],
        Permission(.evidence, .read): [.admin: .everywhere, .coordinator: .jurisdiction, .handler: .department],
        Permission(.caseFile, .read): [.admin: .everywhere, .coordinator: .jurisdiction, .handler: .department, .leader: .jurisdiction],
        Permission(.caseFile, .change): [.admin: .everywhere, .handler: .department],
        Permission(.tip, .create): [.admin: .everywhere, .coordinator: .jurisdiction, .handler: .jurisdiction],
        Permission(.tip, .read): [.admin: .everywhere, .coordinator: .jurisdiction, .handler: .routedToDepartment],
        Permission(.tip, .change): [.admin: .everywhere, .coordinator: .jurisdiction, .handler: .routedToDepartment],
        Permission(.heatMap, .read): [.admin: .everywhere, .coordinator: .clipped, .leader: .clipped],
        Permission(.offenders, .read): [.admin: .everywhere, .coordinator: .clipped, .leader: .clipped],
        Permission(.report, .read): [.admin: .everywhere, .coordinator: .clipped, .leader: .clipped],
        Permission(.audit, .read): [.admin: .everywhere],
    ]

    /// The rule for `role`, or nil when the role may not do this at all.
    public static func rule(_ permission: Permission, for role: Role) -> ScopeRule? {
        matrix[permission]?[role]
    }

    /// The roles that hold `permission`.
    public static func roles(_ permission: Permission) -> Set<Role> {
        Set(matrix[permission]?.keys.map { $0 } ?? [])
    }

    /// The role check, made before anything is read: 403 naming the roles that may.
    public static func admit(_ principal: Principal, _ permission: Permission) -> AccessDecision {
        guard rule(permission, for: principal.role) == nil else { return .allow }
        let names = roles(permission).sorted().map(\.rawValue).joined(separator: ", ")
        return .refuse("\(permission) needs one of the roles \(names.isEmpty ? "(none)" : names); this token's role is \(principal.role.rawValue)")
    }

    /// The whole decision for one target.
    public static func decide(_ principal: Principal, _ permission: Permission, _ target: AccessTarget) -> AccessDecision {
        guard let rule = rule(permission, for: principal.role) else { return admit(principal, permission) }
        guard let why = refusal(rule, principal, permission, target) else { return .allow }
        return permission.action == .read ? .hide(target.name) : .refuse("\(permission): \(why)")
    }

    /// `decide` as a throwing check.
    public static func require(_ principal: Principal, _ permission: Permission, _ target: AccessTarget) throws {
        try decide(principal, permission, target).enforce()
    }

    /// How a list of `permission`'s resource is narrowed for `principal` (the role check has passed).
    public static func listScope(_ principal: Principal, _ permission: Permission) -> ListScope {
        let rule = rule(permission, for: principal.role) ?? .jurisdiction
        var scope = ListScope(jurisdictionIds: principal.reach)
        switch rule {
        case .anyone, .everywhere: return .everything
        case .jurisdiction, .campaignArea, .clipped, .inspectorsInArea: break
        case .department, .routedToDepartment: scope.department = principal.department ?? DepartmentCode(rawValue: "-")
        case .dispatchedInArea: scope.dispatchedOnly = true
        case .ownSweeps:
            scope.inspectorId = principal.inspectorId ?? -1
            scope.dispatchedOnly = true
            scope.department = principal.department
        }
        return scope
    }

    /// Why `rule` does not let `principal` at `target`, or nil when it does.
    static func refusal(_ rule: ScopeRule, _ principal: Principal, _ permission: Permission, _ target: AccessTarget) -> String? {
        switch rule {
        case .anyone, .everywhere:
            return nil
        case .jurisdiction, .clipped:
            return covers(principal, target) ? nil : outside(principal, target)
        case .department, .routedToDepartment:
            if !covers(principal, target) { return outside(principal, target) }
            return ownDepartment(principal, target)
        case .campaignArea:
            return coversAll(principal, target) ? nil : "\(target.name) reaches beyond this token's jurisdictions (\(TokenScope.describe(principal.scope)))"
        case .dispatchedInArea:
            if !coversAll(principal, target) { return "\(target.name) reaches beyond this token's jurisdictions (\(TokenScope.describe(principal.scope)))" }
            return target.dispatched == true ? nil : "\(target.name) is sealed until it is dispatched"
        case .ownSweeps:
            return ownSweeps(principal, permission, target)
        case .inspectorsInArea:
            guard target.role == .inspector else {
                return "coordinators issue sign-in codes for inspectors only; \(target.name) is a \(target.role?.rawValue ?? "principal of unknown role"), "
                    + "so ask an admin (`sweep token signin-code`)"
            }
            return coversAll(principal, target) ? nil : "\(target.name) reaches beyond this token's jurisdictions (\(TokenScope.describe(principal.scope)))"
        }
    }

    static func ownSweeps(_ principal: Principal, _ permission: Permission, _ target: AccessTarget) -> String? {
        guard let me = principal.inspectorId else {
            return "this inspector token is not linked to a registry inspector; ask an admin to issue one with `sweep token issue --inspector CODE`"
        }
        if permission.resource == .plan || permission.resource == .calendar {
            guard target.sweepMembers?.contains(me) == true else { return "\(target.name) has no sweep of yours" }
            return target.dispatched == true ? nil : "\(target.name) is sealed until it is dispatched"
        }
        if target.planned {
            guard target.sweepMembers?.contains(me) == true else { return "\(target.name) is a stop of a sweep you are not on" }
        } else if !covers(principal, target) {
            return outside(principal, target)
        }
        return ownDepartment(principal, target, all: true)
    }

    /// One of the target's departments must be the caller's (a case's own department, or the one
    /// it was referred to); with `all`, every one of them (the findings of a visit being filed).
    static func ownDepartment(_ principal: Principal, _ target: AccessTarget, all: Bool = false) -> String? {
        guard let mine = principal.department else { return "this token has no department" }
        if all {
            let others = target.departments.subtracting([mine])
            return others.isEmpty ? nil : "\(target.name) has findings for \(others.map(\.rawValue).sorted().joined(separator: ", ")); this token acts for \(mine.rawValue) only"
        }
        let listed = target.departments.isEmpty ? "no department" : target.departments.map(\.rawValue).sorted().joined(separator: ", ")
        return target.departments.contains(mine) ? nil : "\(target.name) belongs to \(listed), not \(mine.rawValue)"
    }

    /// True when some place of the target lies within the principal's scope.
    public static func covers(_ principal: Principal, _ target: AccessTarget) -> Bool {
        if principal.scope.isEmpty { return true }
        let mine = Set(principal.scope)
        return target.places.contains { !mine.isDisjoint(with: $0) }
    }

    /// True when every place of the target lies within the principal's scope (and there is one).
    static func coversAll(_ principal: Principal, _ target: AccessTarget) -> Bool {
        if principal.scope.isEmpty { return true }
        let mine = Set(principal.scope)
        return !target.places.isEmpty && target.places.allSatisfy { !mine.isDisjoint(with: $0) }
    }

    static func outside(_ principal: Principal, _ target: AccessTarget) -> String {
        "\(target.name) lies outside this token's jurisdictions (\(TokenScope.describe(principal.scope)))"
    }
}
