import Foundation
import Testing
@testable import SweepCore

private let textbookID = "11010519491231002X"  // GB 11643 example: check character X

private func reasons(_ text: String) -> [String] {
    MinorsDataGuard.issues(in: text, field: "findings[0].facts").map(\.reason)
}

@Test func checkCharacterFollowsISO7064() {
    #expect(ResidentIDNumber.checkCharacter(forFirst17: "11010519491231002") == "X")
    #expect(ResidentIDNumber.hasValidCheckCharacter(textbookID))
    #expect(ResidentIDNumber.hasValidCheckCharacter("11010519491231002x"))
    #expect(!ResidentIDNumber.hasValidCheckCharacter("110105194912310021"))
    #expect(ResidentIDNumber.checkCharacter(forFirst17: "1101051949123100") == nil)
}

@Test func flagsAValidResidentIDWithoutEchoingIt() {
    let issues = MinorsDataGuard.issues(in: "现场查验学生证件号码 \(textbookID) 已登记", field: "findings[0].facts")
    #expect(issues.count == 1)
    #expect(issues[0].location == "findings[0].facts")
    #expect(issues[0].reason == "contains an 18-digit resident ID number (characters 12–29): remove it — identity evidence stays in the handling department's own case file")
    #expect(!issues[0].reason.contains("0105"))
}

@Test func flagsAMistypedIDWhoseBirthDateIsPlausible() {
    let r = reasons("身份证110105194912310021")  // check digit should be X
    #expect(r.count == 1)
    #expect(r[0].contains("wrong check digit") && r[0].contains("characters 4–21"))
    // Neither the check digit nor the date: an ordinary 18-digit number.
    #expect(reasons("单号110105999999990021").isEmpty)
    // A valid check digit alone is enough, whatever the date says.
    #expect(reasons("单号11010599999999002" + String(ResidentIDNumber.checkCharacter(forFirst17: "11010599999999002")!)).count == 1)
}

@Test func flagsOldFifteenDigitIDs() {
    let r = reasons("旧证号110105491231002")
    #expect(r.count == 1)
    #expect(r[0].hasPrefix("contains a 15-digit old-format resident ID number (characters 4–18)"))
    #expect(reasons("流水号110105491399002").isEmpty)  // month 13: not a birth date
}

@Test func flagsMobileNumbersInEveryWriting() {
    for (text, range) in [
        ("电话13812345678", "characters 3–13"),
        ("打138 1234 5678联系", "characters 2–14"),
        ("打138-1234-5678联系", "characters 2–14"),
        ("+86 138 1234 5678", "characters 1–17"),
        ("0086-13812345678", "characters 1–16"),
        ("（+8613912345678）", "characters 2–15"),
    ] {
        let r = reasons(text)
        #expect(r.count == 1, "\(text)")
        #expect(r.first?.hasPrefix("contains a mobile phone number (\(range))") == true, "\(text): \(r)")
        #expect(r.first?.contains("1234") == false)
    }
    #expect(reasons("号码12812345678").isEmpty)  // 12x is not a mobile prefix
}

@Test func flagsLandlines() {
    #expect(reasons("家长座机010-62345678").first?.hasPrefix("contains a landline phone number (characters 5–16)") == true)
    #expect(reasons("0755-8123456").first?.hasPrefix("contains a landline phone number") == true)
}

@Test func flagsLabelledPersonalData() {
    let cases: [(String, String)] = [
        ("姓名：张三", "a name after the label \"姓名\""),
        ("学生姓名:李四，男", "a name after the label \"学生姓名\""),
        ("名字叫王五", "a name after the label \"名字\""),
        ("家长电话：见卷宗第3页", "a guardian's details after the label \"家长电话\""),
        ("身份证：见卷宗第3页", "an ID number after the label \"身份证\""),
        ("学校：育才中学", "a school after the label \"学校\""),
        ("就读学校为实验小学", "a school after the label \"就读学校\""),
        ("住址：幸福小区5栋", "a home address after the label \"住址\""),
        ("该生家住幸福小区", "a home address after the label \"家住\""),
        ("name: Zhang San", "a name after the label \"name\""),
        ("Phone: 5551234", "a phone number after the label \"phone\""),
        ("ID: A1234", "an ID number after the label \"id\""),
    ]
    for (text, what) in cases {
        let r = reasons(text)
        #expect(r.count == 1, "\(text): \(r)")
        #expect(r.first?.hasPrefix("contains \(what)") == true, "\(text): \(r)")
    }
    #expect(reasons("学生姓名：张三")[0].contains("characters 1–7"))
}

@Test func aLabelledNumberIsReportedOnceAsTheNumber() {
    let r = reasons("家长电话：13812345678")
    #expect(r.count == 1)
    #expect(r[0].hasPrefix("contains a mobile phone number"))
}

@Test func doesNotFlagHarmlessFindings() {
    for text in [
        "网络文化经营许可证号：440106201905120031",
        "统一社会信用代码 91440101MA5CXXXX1X",
        "罚款5000元，没收违法所得1200元",
        "现场发现未成年人3名，其中14–15岁2名",
        "2026-12-03 21:40 进入，22:15 离开",
        "违法代码 CAFE_MINOR_ADMITTED, TOBACCO_NO_SIGN",
        "登记系统流水号123456789012",
        "未查验身份证，未登记上网人员",
        "距离学校150米；附近学校：实验小学",
        "网吧名字：星空网吧",
        "网吧的名字：星空",
        "venue name: Starry; case ID: 42",
        "evidence sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "电话：已通知家长到场",
        "姓名：无",
        "valid: yes; hotel: none",
    ] {
        #expect(reasons(text).isEmpty, "\(text): \(reasons(text))")
    }
}

@Test func issuesComeInTextOrderAcrossFields() {
    let issues = MinorsDataGuard.issues(inFields: [
        (path: "findings[0].facts", value: "姓名：张三，电话13812345678"),
        (path: "findings[1].facts", value: "无异常"),
        (path: "minors[0].note", value: textbookID),
    ])
    #expect(issues.map(\.location) == ["findings[0].facts", "findings[0].facts", "minors[0].note"])
    #expect(issues[0].reason.hasPrefix("contains a name"))
    #expect(issues[1].reason.hasPrefix("contains a mobile phone number"))
}

@Test func forbiddenKeysAreCaughtWhateverTheirSpelling() {
    let issues = MinorsDataGuard.forbiddenKeyIssues(keys: [
        (path: "minors[0].count", key: "count"),
        (path: "minors[0].name", key: "Name"),
        (path: "minors[0].guardianPhone", key: "guardianPhone"),
        (path: "minors[0].学校", key: "学校"),
        (path: "minors[0].age_band", key: "age_band"),
        (path: "minors[0].ID-Card", key: "ID-Card"),
    ])
    #expect(issues.map(\.location) == ["minors[0].name", "minors[0].guardianPhone", "minors[0].学校", "minors[0].ID-Card"])
    #expect(issues[1].reason.hasPrefix("\"guardian_phone\" is not allowed in a submission about minors"))
    #expect(MinorsDataGuard.forbiddenKeys.count == 20)
    #expect(MinorsDataGuard.forbiddenKeys.allSatisfy { $0 == $0.lowercased() })
}

@Test func aSeizedItemsNameIsAnObjectNotAPerson() {
    let issues = MinorsDataGuard.forbiddenKeyIssues(keys: [
        (path: "findings[0].measures[1].items[0].name", key: "name"),
        (path: "measures[0].items[3].name", key: "name"),
        (path: "findings[0].measures[1].name", key: "name"),
        (path: "findings[0].measures[1].items[0].phone", key: "phone"),
        (path: "minors.name", key: "name"),
    ])
    #expect(issues.map(\.location) == ["findings[0].measures[1].name", "findings[0].measures[1].items[0].phone", "minors.name"])
    // The item's name is still read like every free text.
    let values = MinorsDataGuard.issues(inFields: [(path: "findings[0].measures[1].items[0].name", value: "手机 13812345678")])
    #expect(values.map(\.location) == ["findings[0].measures[1].items[0].name"])
}
