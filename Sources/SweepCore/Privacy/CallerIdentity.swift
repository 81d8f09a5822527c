import Foundation

/// A passage of a tip to cut, and the kind of data it holds.
struct IdentityCut: Sendable, Equatable {
    var range: Range<Int>
    var kind: String
}

/// Heuristics that find how a caller identifies themselves in a tip ("我叫…", "我是…的家长",
/// "我家住…"). They only look after such a phrase, so the venue and the allegation are left alone;
/// where a guess is needed they cut the caller's words rather than the venue's.
enum CallerIdentity {
    static let name = "caller_name"
    static let affiliation = "caller_affiliation"
    static let homeAddress = "home_address"
    static let phone = "phone_number"
    static let contact = "caller_contact"
    static let idNumber = "id_number"

    private enum Rule { case name, selfDescription, surname, school, address, contact, phoneLabel, idLabel }

    /// Sorted longest first below, so "本人电话" wins over "本人" at the same offset.
    private static let triggerList: [(String, Rule)] = [
        ("我的名字是", .name), ("我的名字叫", .name), ("本人姓名", .name), ("my name is", .name),
        ("我名叫", .name), ("我叫", .name), ("本人叫", .name), ("姓名", .name), ("名字", .name), ("name:", .name),
        ("本人是", .selfDescription), ("本人系", .selfDescription), ("我是", .selfDescription), ("本人", .selfDescription),
        ("i am ", .selfDescription),
        ("我姓", .surname),
        ("就读于", .school), ("我在", .school), ("我儿子在", .school), ("我女儿在", .school), ("我孩子在", .school), ("孩子在", .school),
        ("家庭住址", .address), ("我家住在", .address), ("我家住", .address), ("家住在", .address), ("家住", .address),
        ("我住在", .address), ("我家在", .address), ("住址", .address),
        ("联系电话", .contact), ("联系方式", .contact), ("我的电话", .contact), ("我的手机号", .contact), ("我的手机", .contact),
        ("本人电话", .contact), ("本人手机", .contact),
        ("手机号", .phoneLabel), ("电话", .phoneLabel), ("手机", .phoneLabel), ("phone:", .phoneLabel), ("tel:", .phoneLabel),
        ("mobile:", .phoneLabel),
        ("身份证号码", .idLabel), ("身份证号", .idLabel), ("身份证", .idLabel),
    ]

    private static let triggers = triggerList.sorted { $0.0.count > $1.0.count }

    static let roleWords = [
        "初中生", "高中生", "小学生", "中学生", "班主任", "学生", "家长", "老师", "校长", "妈妈", "爸爸", "母亲", "父亲",
        "爷爷", "奶奶", "外公", "外婆", "姥姥", "姥爷", "员工", "职工", "店员", "网管", "居民", "邻居", "同学", "住户", "业主",
        "student", "parent", "teacher", "neighbour", "neighbor", "employee",
    ]
    private static let venueWords = ["网吧", "网咖", "烟酒", "超市", "商店", "便利店", "小卖部", "烟草", "游戏厅"]
    private static let proximityWords = ["旁边", "附近", "楼下", "楼上", "对面", "隔壁", "边上", "门口", "后面", "前面"]
    /// Words that start what a caller does, not who they are: "本人发现…", "我是想举报…".
    private static let verbs = [
        "发现", "看到", "看见", "路过", "反映", "举报", "投诉", "听说", "经常", "亲眼", "今天", "昨天", "晚上", "多次", "曾经",
        "住在", "希望", "要求", "现在", "刚才", "认为", "知道", "想", "要", "在", "来", "去", "说", "觉得", "怀疑", "从",
    ]
    /// What a caller saw or did: a role word after one of these is part of the allegation.
    private static let actionVerbs = ["看到", "发现", "看见", "举报", "反映", "投诉", "上网", "听说", "抽烟", "买烟"]
    /// Common surnames (about 85% of the population): a short run after "我是" starting with one is a name.
    private static let surnames = Set(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    )
    private static let grades = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "初一", "初二", "初三", "高一", "高二", "高三"]

    /// - Parameter numbers: the identifiers already found in `text`, so labels can take the number after them.
    static func cuts(in text: PrivacyText, numbers: [IdentifierMatch]) -> [IdentityCut] {
        var cuts: [IdentityCut] = []
        for clause in clauses(text) {
            var i = clause.lowerBound
            // "我叫张三，是实验中学的学生": a clause that goes on describing the caller after a cut.
            if let last = cuts.last, last.kind == name || last.kind == affiliation,
               onlySpacesAndPunctuation(text, last.range.upperBound ..< clause.lowerBound) {
                let start = skipSpaces(text, clause.lowerBound)
                if let c = text[start], "是系".contains(c), let cut = selfDescription(text, trigger: start ..< start + 1, clause: clause) {
                    cuts.append(cut)
                    i = cut.range.upperBound
                }
            }
            while i < clause.upperBound {
                if let (trigger, rule) = trigger(at: i, in: text), i + trigger.count <= clause.upperBound,
                   let cut = apply(rule, text: text, trigger: i ..< i + trigger.count, clause: clause, numbers: numbers) {
                    cuts.append(cut)
                    i = max(cut.range.upperBound, i + 1)
                } else {
                    i += 1
                }
            }
        }
        return cuts
    }

    private static func trigger(at i: Int, in text: PrivacyText) -> (String, Rule)? {
        triggers.first { word, _ in
            guard text.matches(Array(word), at: i) else { return false }
            // English triggers are whole words: "fame:" is not "name:".
            if let first = word.first, first.isASCIILetter, let before = text[i - 1], before.isASCIILetter { return false }
            return true
        }
    }

    private static func apply(_ rule: Rule, text: PrivacyText, trigger: Range<Int>, clause: Range<Int>, numbers: [IdentifierMatch]) -> IdentityCut? {
        switch rule {
        case .name:
            // "网吧名字叫星空": the venue's name is what locates it, keep it.
            let before = text.string(max(0, trigger.lowerBound - 4) ..< trigger.lowerBound)
            if (venueWords + ["店", "场所", "老板"]).contains(where: { before.contains($0) }) { return nil }
            let start = skipSeparators(text, trigger.upperBound, words: "是叫为")
            guard let end = nameEnd(text, from: start, clause: clause) else { return nil }
            return IdentityCut(range: trigger.lowerBound ..< end, kind: name)
        case .selfDescription:
            return selfDescription(text, trigger: trigger, clause: clause)
        case .surname:
            let end = min(trigger.upperBound + 1, clause.upperBound)
            guard text[trigger.upperBound]?.isHan == true else { return nil }
            return IdentityCut(range: trigger.lowerBound ..< end, kind: name)
        case .school:
            return school(text, trigger: trigger, clause: clause)
        case .address:
            return address(text, trigger: trigger, clause: clause)
        case .contact:
            let start = skipSeparators(text, trigger.upperBound, words: "是为")
            guard start < clause.upperBound else { return nil }
            let range = trigger.lowerBound ..< clause.upperBound
            // A WeChat or QQ account is contact data too, but not a phone number.
            let hasNumber = numbers.contains { range.overlaps($0.range) }
            return IdentityCut(range: range, kind: hasNumber ? phone : contact)
        case .phoneLabel, .idLabel:
            // Only with the number right after it; the number itself is cut by the scanner anyway.
            let start = skipSeparators(text, trigger.upperBound, words: "是为码")
            guard let number = numbers.first(where: { $0.range.lowerBound >= start && $0.range.lowerBound <= start + 1 }) else { return nil }
            return IdentityCut(range: trigger.lowerBound ..< number.range.upperBound, kind: rule == .idLabel ? idNumber : phone)
        }
    }

    /// "我是实验中学初二的学生" → cut through the role word; "我是李某某" → cut the name;
    /// "我是想举报…" → nothing.
    private static func selfDescription(_ text: PrivacyText, trigger: Range<Int>, clause: Range<Int>) -> IdentityCut? {
        let start = skipSpaces(text, trigger.upperBound)
        // "在" may open a self-description ("我是在实验中学读书的学生"), unlike the other verbs.
        if startsWithAny(verbs.filter { $0 != "在" }, text, at: start) { return nil }
        let rest = text.string(start ..< clause.upperBound).lowercased()
        if let role = roleWords.compactMap({ word in rest.range(of: word).map { (word, rest.distance(from: rest.startIndex, to: $0.lowerBound)) } })
            .min(by: { $0.1 < $1.1 }),
            // "我是真的看到网吧里有学生": the role word belongs to the allegation, not to the caller.
            !(start ..< start + role.1).contains(where: { startsWithAny(venueWords + actionVerbs, text, at: $0) }) {
            var end = start + role.1 + role.0.count
            if text.matches(Array("之一"), at: end) { end += 2 }
            return IdentityCut(range: trigger.lowerBound ..< end, kind: affiliation)
        }
        guard let end = nameEnd(text, from: start, clause: clause), looksLikeName(text, start ..< end) else { return nil }
        return IdentityCut(range: trigger.lowerBound ..< end, kind: name)
    }

    /// "我在实验中学读初二" / "就读于实验中学": the caller's school.
    private static func school(_ text: PrivacyText, trigger: Range<Int>, clause: Range<Int>) -> IdentityCut? {
        if text.string(trigger) == "就读于" {
            return IdentityCut(range: trigger.lowerBound ..< clause.upperBound, kind: affiliation)
        }
        let studyVerbs = ["上学", "读书", "就读", "念书", "读"]
        var i = trigger.upperBound
        while i < min(clause.upperBound, trigger.upperBound + 16) {
            if startsWithAny(venueWords, text, at: i) { return nil }  // "我在星空网吧看到…" is the allegation
            // "上初二": 上 counts as studying only before a grade ("上网" is the allegation).
            let verb = studyVerbs.first { text.matches(Array($0), at: i) }
                ?? (text.matches(Array("上"), at: i) && grades.contains { text.matches(Array($0), at: i + 1) } ? "上" : nil)
            if let verb {
                var end = i + verb.count
                if let grade = grades.first(where: { text.matches(Array($0), at: end) }) { end += grade.count }
                return IdentityCut(range: trigger.lowerBound ..< end, kind: affiliation)
            }
            i += 1
        }
        return nil
    }

    /// "我家住幸福小区5栋" goes. A venue-like address stays: "家住解放路12号，楼下网吧…" is cut before the
    /// landmark word, and with no landmark only the words saying it is a home are removed.
    private static func address(_ text: PrivacyText, trigger: Range<Int>, clause: Range<Int>) -> IdentityCut? {
        let start = skipSeparators(text, trigger.upperBound, words: "")
        guard start < clause.upperBound else { return nil }
        guard let venue = (start ..< clause.upperBound).first(where: { startsWithAny(venueWords, text, at: $0) }) else {
            return IdentityCut(range: trigger.lowerBound ..< clause.upperBound, kind: homeAddress)
        }
        if let landmark = (start ..< venue).first(where: { startsWithAny(proximityWords, text, at: $0) }) {
            return IdentityCut(range: trigger.lowerBound ..< landmark, kind: homeAddress)
        }
        return IdentityCut(range: trigger, kind: homeAddress)
    }

    /// Where a name that starts at `start` ends: at the clause end if that is near, else before the
    /// first verb, else after three characters (the commonest length of a Chinese name).
    private static func nameEnd(_ text: PrivacyText, from start: Int, clause: Range<Int>) -> Int? {
        guard let first = text[start], start < clause.upperBound, !startsWithAny(verbs, text, at: start) else { return nil }
        if first.isASCIILetter {
            var end = start
            while end < clause.upperBound, end - start < 40, let c = text[end], c.isASCIILetter || c == " " || c == "." { end += 1 }
            while end > start, text[end - 1] == " " { end -= 1 }
            return end
        }
        guard first.isHan else { return nil }
        var end = start
        while end < clause.upperBound, let c = text[end], c.isHan || c == "·", end - start < 5 {
            if end - start >= 2, startsWithAny(verbs + ["的", "电话", "手机", "家住", "今年"], text, at: end) { return end }
            end += 1
        }
        if end < clause.upperBound, text[end]?.isHan == true { return start + 3 }  // the run goes on: no clear end
        return end
    }

    private static func looksLikeName(_ text: PrivacyText, _ range: Range<Int>) -> Bool {
        let s = text.string(range)
        guard (2...4).contains(range.count) || s.first?.isASCIILetter == true else { return false }
        if s.contains("某") { return true }
        return s.first.map { surnames.contains($0) || $0.isASCIILetter } ?? false
    }

    // MARK: - Text helpers

    private static func clauses(_ text: PrivacyText) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for i in 0..<text.count where text.chars[i].endsClause || text.chars[i] == "." {
            if i > start { result.append(start ..< i) }
            start = i + 1
        }
        if start < text.count { result.append(start ..< text.count) }
        return result
    }

    private static func skipSpaces(_ text: PrivacyText, _ i: Int) -> Int {
        var i = i
        while text[i] == " " { i += 1 }
        return i
    }

    private static func skipSeparators(_ text: PrivacyText, _ i: Int, words: String) -> Int {
        var i = i
        while let c = text[i], c == " " || c == ":" || c == "=" || words.contains(c) { i += 1 }
        return i
    }

    private static func startsWithAny(_ words: [String], _ text: PrivacyText, at i: Int) -> Bool {
        words.contains { text.matches(Array($0), at: i) }
    }

    private static func onlySpacesAndPunctuation(_ text: PrivacyText, _ range: Range<Int>) -> Bool {
        range.allSatisfy { text.chars[$0] == " " || text.chars[$0].endsClause }
    }
}
