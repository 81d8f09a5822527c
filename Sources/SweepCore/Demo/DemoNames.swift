import Foundation

/// Word lists and formatters for demo names, addresses and codes.
///
/// Names must look like the registries people will import (Chinese names, street addresses,
/// administrative codes) so that screens, route sheets and search behave as they will in use,
/// while every place and person stays fictional.
enum DemoNames {
    /// A real provincial code prefix (42, 鄂) so codes pass the registries' format checks, with a
    /// fictional name so nobody mistakes the data for real.
    static let provinceCode = "420000"
    static let provinceName = "楚江省"

    /// Fictional prefecture-level cities; index 0 is the single city of the small and city scales.
    static let cities = [
        "江城市", "楚原市", "荆湾市", "襄岭市", "宜峡市", "黄湖市", "云泽市", "梦溪市", "鹤汀市", "枫林市",
        "白鹭市", "金滩市", "青峰市", "龙湾市", "凤岭市", "柳港市", "桂川市", "橘洲市", "兰汀市", "石桥市",
    ]

    /// District names; a city takes six consecutive ones starting at an offset, so the six differ.
    static let districts = [
        "江岸区", "湖滨区", "新桥区", "东港区", "南岭区", "西塘区", "北湖区", "青云区", "文昌区", "长乐区",
        "古城区", "望江区", "金湖区", "白云区", "鹤鸣区", "临江区", "翠屏区", "丰泽区", "龙山区", "沙湾区",
        "柳湖区", "桃园区", "月湖区", "松岗区", "梅岭区", "凤凰区", "石门区", "清河区", "高新区", "开发区",
    ]

    /// Street names common to many Chinese cities; each district takes a shuffled selection.
    static let streets = [
        "解放大道", "中山路", "人民路", "建设大道", "胜利街", "和平大道", "友谊路", "沿江大道", "光明路", "学府路",
        "文化路", "青年路", "幸福路", "长江路", "黄河路", "新华路", "民主路", "工农路", "兴业路", "体育馆路",
        "车站路", "府前街", "南京路", "武胜路", "汉正街", "花园路", "育才路", "东风大道", "滨湖路", "科技大道",
        "振兴路", "团结路", "朝阳路", "复兴路", "前进路", "航空路", "民族路", "园林路", "翠柳街", "石桥路",
    ]

    /// The most common surnames, so names look like a real roster.
    static let surnames = Array(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    ).map(String.init)

    /// Frequent given-name characters; combined one or two at a time.
    static let givenNameCharacters = Array(
        "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华平刚桂兰玉萍红鹏辉建林斌波宇浩凯俊帆鑫晨琳婷雪倩颖欣悦博文彬志海亮峰"
    ).map(String.init)

    /// Invented café brands (real chains are avoided); a chain keeps one brand across its branches.
    static let cafeBrands = [
        "星际", "绿洲", "极光", "蓝海", "风云", "王者", "飞跃", "竞技", "银河", "酷玩",
        "传奇", "火焰", "雷霆", "未来", "梦想", "至尊", "领航", "逐鹿", "启航", "云端",
        "狂飙", "天际", "龙腾", "时空", "先锋", "荣耀", "极速", "星空", "战神", "网境",
    ]
    /// What cafés call themselves since "网吧" fell out of fashion.
    static let cafeSuffixes = ["网咖", "网络会所", "网吧", "电竞馆", "网络会馆"]

    /// What a black café is called by the neighbours or disguised as.
    static let blackCafeDisguises = ["电脑室", "电脑培训部", "阅览室", "游戏室", "棋牌室", "网吧"]
    /// Where a black café is, as a tip would describe it.
    static let blackCafePrefixes = ["无名", "城中村", "地下室", "二楼", "巷内", "小区", "菜场旁", "民房"]

    /// Shop-name words for small independent retailers.
    static let shopPrefixes = [
        "兴隆", "惠民", "便民", "万家", "佳佳", "福满多", "顺发", "诚信", "鑫源", "金鹏",
        "老街", "开心", "好运来", "家家乐", "四季", "百顺", "平价", "红星", "永兴", "新乐",
    ]
    /// The kinds of shop that sell cigarettes.
    static let shopTypes = ["烟酒店", "便利店", "超市", "商店", "副食店", "烟酒行", "小卖部", "百货店"]
    /// Convenience chains: many outlets, one operator, which makes per-operator counts matter.
    static let convenienceChains = ["好邻居便利店", "快乐购便利店", "邻里优选便利店", "十八街便利店"]

    /// Kindergarten name words.
    static let kindergartenWords = [
        "阳光", "蓝天", "小太阳", "童心", "启明", "金色童年", "小天使", "育苗", "春芽", "彩虹",
        "小博士", "七色花", "爱心", "晨曦", "童乐", "贝贝", "星星", "小树苗", "快乐宝贝", "明珠",
    ]
    /// Middle-school name words for schools beyond the numbered ones.
    static let schoolWords = ["实验", "育才", "育英", "新华", "光明", "外国语", "崇文", "明德", "求实", "博雅"]

    /// Declared hours; the legal window is 08:00–24:00, so declared hours never exceed it.
    static let cafeHours = ["08:00-24:00", "08:00-24:00", "08:00-24:00", "09:00-24:00", "10:00-24:00"]
    /// Declared shop hours, some round the clock.
    static let shopHours = ["07:00-22:30", "07:00-22:30", "08:00-22:00", "06:30-23:00", "07:30-21:30", "00:00-24:00"]

    /// A plausible full name: surname plus one or two given-name characters.
    static func person(_ rng: inout SeededRandom) -> String {
        var name = rng.pick(surnames) + rng.pick(givenNameCharacters)
        if rng.chance(0.7) { name += rng.pick(givenNameCharacters) }
        return name
    }

    /// A street address in `district`, e.g. `江岸区解放大道123号`.
    static func address(district: String, streets: [String], _ rng: inout SeededRandom) -> String {
        "\(district)\(rng.pick(streets))\(rng.nextInt(in: 1...888))号"
    }

    /// Chinese numerals for 1…9999 as used in school names (十二, 一百零五).
    static func numeral(_ n: Int) -> String {
        precondition(n > 0 && n < 10_000)
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        let units = ["", "十", "百", "千"]
        if n < 10 { return digits[n] }
        if n < 20 { return "十" + (n == 10 ? "" : digits[n - 10]) }
        var parts: [Int] = []
        var m = n
        while m > 0 { parts.append(m % 10); m /= 10 }
        var out = ""
        var pendingZero = false
        for i in stride(from: parts.count - 1, through: 0, by: -1) {
            let d = parts[i]
            if d == 0 {
                pendingZero = true
            } else {
                if pendingZero { out += "零"; pendingZero = false }
                out += digits[d] + units[i]
            }
        }
        return out
    }

    /// `n` in decimal, left-padded with zeros to `width`.
    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
