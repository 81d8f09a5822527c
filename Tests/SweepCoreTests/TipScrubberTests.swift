import Foundation
import Testing
@testable import SweepCore

private let allegation = "解放路12号星空网吧晚上有学生上网"

@Test func scrubRemovesCallerIdentityAndKeepsTheAllegation() {
    let tip = "您好，我叫张三，是实验中学初二的学生，我的电话是138 1234 5678。\(allegation)。身份证号11010519491231002X。我家住幸福小区5栋。"
    let s = TipScrubber.scrub(tip)
    #expect(s.text.contains(allegation))
    for secret in ["张三", "实验中学", "1234", "5678", "11010519491231002X", "幸福小区"] {
        #expect(!s.text.contains(secret), "\(secret) left in: \(s.text)")
    }
    #expect(s.removed == ["caller_name", "caller_affiliation", "phone_number", "id_number", "home_address"])
    #expect(s.text.hasPrefix("您好，［已删除］，［已删除］，［已删除］。"))
}

@Test func scrubLeavesACleanTipUntouched() {
    let tip = "\(allegation)，大概有五六个，晚上十点以后还在。网吧在实验小学附近。"
    let s = TipScrubber.scrub(tip)
    #expect(s.text == tip)
    #expect(s.removed.isEmpty)
}

@Test func scrubRemovesSelfIdentificationByNameAndRole() {
    #expect(TipScrubber.scrub("我是李某某，\(allegation)").text == "［已删除］，\(allegation)")
    #expect(TipScrubber.scrub("我是李某某，\(allegation)").removed == ["caller_name"])
    #expect(TipScrubber.scrub("我是育才中学的家长，\(allegation)").text == "［已删除］，\(allegation)")
    #expect(TipScrubber.scrub("我是育才中学的家长，\(allegation)").removed == ["caller_affiliation"])
    #expect(TipScrubber.scrub("本人王五，\(allegation)").text == "［已删除］，\(allegation)")
    #expect(TipScrubber.scrub("我叫王小明想举报\(allegation)").text == "［已删除］想举报\(allegation)")
    #expect(TipScrubber.scrub("name: Li Lei. \(allegation)").text == "［已删除］. \(allegation)")
}

@Test func scrubKeepsCallersActionsThatAreNotIdentity() {
    for tip in ["本人发现\(allegation)", "我是想举报\(allegation)", "我是真的看到网吧里有学生", "我在星空网吧看到有学生上网"] {
        let s = TipScrubber.scrub(tip)
        #expect(s.text == tip, "changed: \(s.text)")
        #expect(s.removed.isEmpty)
    }
}

@Test func scrubRemovesPhoneNumbersInEveryShape() {
    for phone in ["13812345678", "138-1234-5678", "+86 138 1234 5678", "0086-13812345678", "010-62345678"] {
        let s = TipScrubber.scrub("\(allegation)，回电\(phone)")
        #expect(s.text == "\(allegation)，回电［已删除］", "\(phone): \(s.text)")
        #expect(s.removed == ["phone_number"])
    }
    #expect(TipScrubber.scrub("联系电话：13812345678，\(allegation)").text == "［已删除］，\(allegation)")
}

@Test func scrubTellsHomeAddressFromVenueAddress() {
    // A home address goes; the venue's stays.
    #expect(TipScrubber.scrub("我家住幸福小区5栋，楼下\(allegation)").text == "［已删除］，楼下\(allegation)")
    // Home and venue in one clause: the home part goes, the landmark and the venue stay.
    #expect(TipScrubber.scrub("家住解放路10号旁边的星空网吧有学生上网").text == "［已删除］旁边的星空网吧有学生上网")
    // No landmark: the venue-like address is kept, only the words that make it a home go.
    let s = TipScrubber.scrub("家住解放路12号星空网吧楼上")
    #expect(s.text == "［已删除］解放路12号星空网吧楼上")
    #expect(s.removed == ["home_address"])
}

@Test func scrubRemovesTheCallersSchool() {
    let s = TipScrubber.scrub("我在实验中学读初二，\(allegation)")
    #expect(s.text == "［已删除］，\(allegation)")
    #expect(s.removed == ["caller_affiliation"])
}

@Test func scrubRemovesTheCallersChildsSchoolAndOtherContacts() {
    let child = TipScrubber.scrub("我儿子在实验中学上初二，经常去星空网吧")
    #expect(child.text == "［已删除］，经常去星空网吧")
    let contact = TipScrubber.scrub("我姓王，联系方式微信wx123456，幸福路便利店卖烟给小学生")
    #expect(contact.text == "［已删除］，［已删除］，幸福路便利店卖烟给小学生")
    #expect(contact.removed == ["caller_name", "caller_contact"])
}

@Test func scrubKeepsTheVenuesName() {
    let tip = "网吧名字叫星空，在解放路12号，学生很多"
    #expect(TipScrubber.scrub(tip).text == tip)
}

@Test func scrubbedTextRoundTripsThroughJSON() throws {
    let s = TipScrubber.scrub("我叫张三，\(allegation)")
    let data = try JSONEncoder().encode(s)
    #expect(try JSONDecoder().decode(ScrubbedText.self, from: data) == s)
}
