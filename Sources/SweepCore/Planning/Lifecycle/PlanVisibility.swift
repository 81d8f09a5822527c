import Foundation

/// Which sweeps of a plan a caller sees: coordinators and admins everything (each sealed view is
/// logged), leadership dispatched sweeps, inspectors their own dispatched sweeps.
public enum PlanVisibility: Sendable, Hashable {
    /// Coordinators and admins: every sweep and stop, also before dispatch.
    case all
    /// Leadership: sweeps from dispatch on.
    case dispatched
    /// One inspector: their own sweeps from dispatch on.
    case inspector(Int64)

    public static func of(_ principal: Principal) throws -> PlanVisibility {
        switch principal.role {
        case .admin, .coordinator: return .all
        case .leader: return .dispatched
        case .inspector: return .inspector(try linkedInspector(principal))
        case .handler: throw SweepError.forbidden("case handlers do not see plans")
        }
    }

    /// Whose iCalendar feed is asked for: an inspector's own by default; coordinators and admins
    /// name one. Whether the caller may read it is `AccessPolicy`'s to say (another inspector's is 404).
    public static func calendarInspector(for principal: Principal, requested: Int64?) throws -> Int64 {
        if principal.role == .inspector { return try requested ?? linkedInspector(principal) }
        guard let requested else { throw SweepError.invalid(field: "inspector", reason: "give the inspector id whose calendar you want") }
        return requested
    }

    static func linkedInspector(_ principal: Principal) throws -> Int64 {
        guard let id = principal.inspectorId else {
            throw SweepError.forbidden("this inspector token is not linked to a registry inspector; ask an admin to issue one with `sweep token issue --inspector CODE`")
        }
        return id
    }
}
