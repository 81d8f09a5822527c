import Foundation

/// Bilingual names and map colours for the plan renderers.
///
/// Sheets are read by officers in the field (Chinese) and by reviewers and tools (English), so
/// labels carry both; unknown department codes fall back to the code itself.
enum PlanOutputLabels {
    static func chinese(_ kind: TargetKind) -> String {
        switch kind {
        case .licensedCafe: return "持证网吧"
        case .unlicensedCafe: return "无证网吧"
        case .tobaccoRetail: return "烟草零售"
        }
    }

    static func english(_ kind: TargetKind) -> String {
        switch kind {
        case .licensedCafe: return "Licensed café"
        case .unlicensedCafe: return "Unlicensed café"
        case .tobaccoRetail: return "Tobacco retail"
        }
    }

    static func bilingual(_ kind: TargetKind) -> String { "\(chinese(kind)) \(english(kind))" }

    /// Map marker colour. Chosen to stay distinguishable when printed on a greyscale printer
    /// (dark red, mid blue, light amber differ in lightness, not only hue).
    static func colour(_ kind: TargetKind) -> String {
        switch kind {
        case .licensedCafe: return "#2563eb"
        case .unlicensedCafe: return "#b91c1c"
        case .tobaccoRetail: return "#d97706"
        }
    }

    static func chinese(_ department: DepartmentCode) -> String {
        switch department {
        case .culture: return "文化执法"
        case .police: return "公安"
        case .marketRegulation: return "市场监管"
        case .tobacco: return "烟草专卖"
        case .fire: return "消防"
        case .telecom: return "通信管理"
        default: return department.rawValue
        }
    }

    /// e.g. `CUL 文化执法`.
    static func bilingual(_ department: DepartmentCode) -> String {
        let zh = chinese(department)
        return zh == department.rawValue ? zh : "\(department.rawValue) \(zh)"
    }

    /// Sweep status as shown on a sheet; the raw value stays visible for unknown statuses.
    static func bilingualStatus(_ status: String) -> String {
        switch status {
        case "planned": return "待派发 planned"
        case "dispatched": return "已派发 dispatched"
        case "done": return "已完成 done"
        case "cancelled": return "已取消 cancelled"
        default: return status
        }
    }
}
