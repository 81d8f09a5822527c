/// Campaign days against the ISO calendar, from the weekday of day 0.
public struct CampaignWeeks: Sendable, Hashable {
    /// ISO weekday of day 0, normalised into 1...7.
    public let firstWeekday: Int

    public init(firstWeekday: Int) {
        self.firstWeekday = ((firstWeekday - 1) % 7 + 7) % 7 + 1
    }

    /// ISO weekday (1 = Monday … 7 = Sunday) of campaign day `day`.
    public func weekday(of day: Int) -> Int { ((firstWeekday - 1 + day) % 7 + 7) % 7 + 1 }

    /// Index of the Monday–Sunday week holding `day`; day 0's week is 0.
    public func week(of day: Int) -> Int {
        let sinceMonday = firstWeekday - 1 + day
        return sinceMonday >= 0 ? sinceMonday / 7 : (sinceMonday - 6) / 7
    }
}
