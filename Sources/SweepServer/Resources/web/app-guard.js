// The server's minors'-data guard (SweepCore/Privacy, SubmissionValidator), run before a visit is
// queued. Same reasons and positions, word for word: Tests/SweepCoreTests/Fixtures/minors-guard-vectors.json
// holds the cases both must pass.

const keepElsewhere = "identity evidence stays in the handling department's own case file";

// Positions count Swift Characters (grapheme clusters), not UTF-16 units: an emoji is one. Without
// Segmenter, code points (wrong only around combining marks and emoji sequences).
const segmenter = globalThis.Intl?.Segmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
const graphemes = (s) => (segmenter ? Array.from(segmenter.segment(s), (g) => g.segment) : Array.from(s));

// Full-width forms, dashes and wide spaces read as ASCII, one for one so positions hold. NFC: ===
// then means canonical equivalence, as Swift's Character == does.
function normalised(c) {
  const v = Array.from(c).length === 1 ? c.codePointAt(0) : -1;
  if (v >= 0xff01 && v <= 0xff5e) return String.fromCharCode(v - 0xfee0);
  if ([0x2010, 0x2011, 0x2012, 0x2013, 0x2212].includes(v)) return "-";
  return v === 0x3000 || v === 0xa0 ? " " : c.normalize("NFC");
}

// Swift's ("0"..."9").contains(c) compares whole Characters ("1" + a combining mark is a digit,
// "9" + one is not); JS string order against ASCII bounds agrees.
const isDigit = (c) => c !== undefined && c >= "0" && c <= "9";
const isLetter = (c) => c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));
const isWord = (c) => isDigit(c) || isLetter(c) || c === "_";
// Sets of single Characters: "\r\n" is one Character and in neither, as in Swift.
const ENDS_CLAUSE = new Set("，。；;！!？?\n\r、,（）()【】[]「」“”\"");
const ENDS_LICENCE_CLAUSE = new Set("，。；;！!？?\n\r、,");

const spells = (chars, word, i) => i >= 0 && i + word.length <= chars.length
  && word.every((w, k) => chars[i + k].toLowerCase() === w.toLowerCase());

// Resident IDs (GB 11643-1999). Birth dates 1900–2099 (no clock, so deterministic); YYMMDD of 19YY
// on 15-digit first-generation cards.
const plain = (c) => /^[0-9]$/.test(c);
const int = (cs) => (cs.every(plain) ? Number(cs.join("")) : null); // Swift's Int(String(chars))

function hasValidCheckCharacter(d) {
  const v = d.slice(0, 17).filter(plain).map(Number);
  const sum = v.reduce((s, x, k) => s + x * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][k], 0);
  return d.length === 18 && v.length === 17 && d[17] === "10X98765432"[sum % 11];
}

function isBirthDate(d, short) {
  const n = short ? 2 : 4, y = d.length === n + 4 ? int(d.slice(0, n)) : null;
  const m = int(d.slice(n, n + 2)), day = int(d.slice(n + 2)), year = short ? 1900 + y : y;
  return y !== null && m !== null && day !== null && (short || (y >= 1900 && y <= 2099))
    && m >= 1 && m <= 12 && day >= 1 && day <= new Date(Date.UTC(year, m, 0)).getUTCDate();
}

// A number: digit groups joined by single spaces or hyphens ("+86 138 1234 5678").
function readToken(t, start) {
  const tok = { groups: [], seps: [], plusBefore: t[start - 1] === "+", gluedLeft: isLetter(t[start - 1]) };
  let i = start;
  for (;;) {
    const from = i;
    while (isDigit(t[i])) i++;
    tok.groups.push({ digits: t.slice(from, i), lo: from, hi: i });
    if (!((t[i] === " " || t[i] === "-") && isDigit(t[i + 1]))) break;
    tok.seps.push(t[i++]);
  }
  const x = t[i] === "X" || t[i] === "x";
  // "…002XY" is a code: the X is dropped and the digits count as glued to letters.
  tok.gluedRight = x ? isWord(t[i + 1]) : isLetter(t[i]);
  tok.trailingX = x && !tok.gluedRight;
  tok.end = tok.trailingX ? i + 1 : i;
  return tok;
}

const isMobile = (d) => d.length === 11 && d[0] === "1" && d[1] >= "3" && d[1] <= "9";
const isLandline = (a, l) => (a.length === 3 || a.length === 4) && a[0] === "0" && a[1] !== "0"
  && (l.length === 7 || l.length === 8) && l[0] !== "0" && l[0] !== "1";

function residentID(number, lo, hi) {
  const valid = hasValidCheckCharacter(number);
  // A typo'd ID is still an ID when it holds a real birth date.
  return valid || isBirthDate(number.slice(6, 14)) ? { kind: valid ? "id" : "badCheck", lo, hi } : null;
}

function shape(tok, first, last) {
  const n = tok.groups.length;
  // Glued to ASCII letters: part of a code or a hash, not a phone or an ID.
  if ((first === 0 && tok.gluedLeft) || (last === n - 1 && tok.gluedRight)) return null;
  const groups = tok.groups.slice(first, last + 1);
  const d = groups.flatMap((g) => g.digits);
  const lo = groups[0].lo, hi = groups[groups.length - 1].hi;
  if (last === n - 1 && tok.trailingX) return d.length === 17 && d[0] !== "0" ? residentID([...d, "X"], lo, hi + 1) : null;
  const id = d.length === 18 && d[0] !== "0" && residentID(d, lo, hi);
  if (id) return id;
  if (isMobile(d)) return { kind: "mobile", lo, hi };
  for (const p of ["86", "0086"]) {
    if (d.slice(0, p.length).join("") === p && isMobile(d.slice(p.length))) {
      return { kind: "mobile", lo: first === 0 && tok.plusBefore && p === "86" ? lo - 1 : lo, hi };
    }
  }
  if (d.length === 15 && d[0] !== "0" && isBirthDate(d.slice(6, 12), true)) return { kind: "oldID", lo, hi };
  if (last > first && tok.seps[first] === "-" && isLandline(groups[0].digits, groups.slice(1).flatMap((g) => g.digits))) {
    return { kind: "landline", lo, hi };
  }
  return null;
}

// Longest group ranges first: a date beside a phone does not hide it; a 12-digit run never
// becomes an 11-digit "phone".
function tokenMatches(tok) {
  const found = [];
  for (let first = 0; first < tok.groups.length; ) {
    let last = tok.groups.length - 1, m = null;
    while (last >= first && !(m = shape(tok, first, last))) last--;
    if (m) found.push(m);
    first = m ? last + 1 : first + 1;
  }
  return found;
}

// A licence number can look like an ID: a licence word in the clause (≤ 24 characters back)
// decides, unless an identity word is there too.
const words = (list) => list.split(" ").map(graphemes);
const PERSONAL = ["身份", "证件", "id card", "identity", "居民"].map(graphemes);
const LICENCE = words("许可证 执照 信用代码 注册号 登记号 备案号 licence license permit");
function isLabelledAsLicence(m, t) {
  if (m.kind === "mobile" || m.kind === "landline") return false;
  let start = m.lo;
  while (start > 0 && m.lo - start < 24 && !ENDS_LICENCE_CLAUSE.has(t[start - 1])) start--;
  const before = graphemes(t.slice(start, m.lo).join("").toLowerCase()).map((c) => c.normalize("NFC"));
  const has = (list) => list.some((w) => before.some((_, i) => spells(before, w, i)));
  return has(LICENCE) && !has(PERSONAL);
}

function scanNumbers(t) {
  const found = [];
  for (let i = 0; i < t.length; ) {
    if (!isDigit(t[i])) { i++; continue; }
    const tok = readToken(t, i);
    found.push(...tokenMatches(tok));
    i = tok.end;
  }
  return found.filter((m) => !isLabelledAsLicence(m, t));
}

// Longest first, so "学生姓名" is reported as itself. The value follows ":" or "=", for "w" also
// 为/是/叫, for "bare" nothing ("家住…").
const NAME = "a name", PHONE = "a phone number", ID = "an ID number", SCHOOL = "a school", HOME = "a home address", GUARDIAN = "a guardian's details";
const LABELS = [
  ["监护人姓名", GUARDIAN, "w"], ["监护人电话", GUARDIAN], ["身份证号码", ID, "w"], ["学生姓名", NAME, "w"],
  ["家长姓名", GUARDIAN, "w"], ["家长电话", GUARDIAN], ["联系电话", PHONE], ["手机号码", PHONE], ["电话号码", PHONE],
  ["证件号码", ID], ["家庭住址", HOME], ["就读学校", SCHOOL, "w"], ["所在学校", SCHOOL, "w"], ["身份证号", ID, "w"],
  ["身份证", ID], ["证件号", ID], ["手机号", PHONE], ["姓名", NAME, "w"], ["名字", NAME, "w"], ["电话", PHONE], ["手机", PHONE],
  ["学校", SCHOOL, "w"], ["住址", HOME], ["家住", HOME, "bare"], ["home address", HOME], ["guardian phone", GUARDIAN],
  ["guardian name", GUARDIAN], ["mobile", PHONE], ["school", SCHOOL], ["phone", PHONE], ["name", NAME], ["tel", PHONE], ["id", ID],
].map(([text, kind, how]) => ({ text, kind, how, chars: Array.from(text), english: /^[\x00-\x7f]+$/.test(text) }));

// Words before a label that make it the venue's, the paperwork's or a landmark's.
const CHINESE_OWNERS = words("网吧 网咖 场所 门店 商店 超市 店铺 单位 企业 公司 店 附近 最近 周边 距离 周围");
const ENGLISH_OWNERS = new Set(("venue shop store cafe café business company campaign plan case finding inspection evidence sweep tip"
  + " file licence license violation inspector officer team user device submission nearest nearby log record entry").split(" "));
const PLACEHOLDERS = new Set("无 不详 未知 未提供 未登记 已删除 ［已删除］ [已删除] none n/a unknown - — redacted".split(" "));

function valueAfter(label, at, t) {
  let i = at + label.chars.length;
  // Whole words only: "tel" in "hotel", "id" in "valid" are not labels.
  if (label.english && (isWord(t[at - 1]) || isWord(t[i]))) return null;
  if (label.how !== "bare") {
    while (t[i] === " ") i++;
    if (t[i] !== ":" && t[i] !== "=" && !(label.how === "w" && ["为", "是", "叫"].includes(t[i]))) return null;
    i++;
  }
  while (t[i] === " ") i++;
  const start = i;
  while (t[i] !== undefined && !ENDS_CLAUSE.has(t[i]) && t[i] !== " ") i++;
  // A phone or ID label without a digit after it is a remark ("电话：已通知家长").
  if (i === start || ((label.kind === PHONE || label.kind === ID) && !t.slice(start, i).some(isDigit))) return null;
  return [start, i];
}

function isOwnedByVenue(label, at, t) {
  if (!label.english) {
    const end = t[at - 1] === "的" ? at - 1 : at;
    return CHINESE_OWNERS.some((owner) => spells(t, owner, end - owner.length));
  }
  let end = at;
  while (end > 0 && [" ", "_", "-"].includes(t[end - 1])) end--;
  let start = end;
  while (start > 0 && (isLetter(t[start - 1]) || t[start - 1] === "é")) start--;
  return ENGLISH_OWNERS.has(t.slice(start, end).join("").toLowerCase());
}

function scanLabels(t) {
  const found = [], taken = new Set();
  for (const label of LABELS) {
    for (let at = 0; at + label.chars.length <= t.length; at++) {
      if (taken.has(at) || !spells(t, label.chars, at)) continue;
      const value = valueAfter(label, at, t);
      if (!value || isOwnedByVenue(label, at, t) || PLACEHOLDERS.has(t.slice(...value).join("").toLowerCase())) continue;
      found.push({ ...label, lo: at, hi: value[1], value });
      label.chars.forEach((_, k) => taken.add(at + k));
    }
  }
  return found.sort((a, b) => a.lo - b.lo);
}

// "characters 12–29": 1-based and inclusive, as a person counts.
const describe = (lo, hi) => (hi - lo === 1 ? `character ${lo + 1}` : `characters ${lo + 1}–${hi}`);
const notCalled = "record only whether guardians or police were called; ";
const NUMBERS = {
  id: ["an 18-digit resident ID number", ""],
  badCheck: ["an 18-digit resident ID number with a wrong check digit", "a mistyped ID still identifies a person; "],
  oldID: ["a 15-digit old-format resident ID number", ""],
  mobile: ["a mobile phone number", notCalled],
  landline: ["a landline phone number", notCalled],
};

/** Issues ({location: field, reason}) for one free-text field at JSON path `field`, in text order. */
export function textIssues(text, field) {
  const t = graphemes(text).map(normalised);
  const numbers = scanNumbers(t);
  // A labelled number ("电话：138…") is reported once, as the number.
  const labelled = scanLabels(t).filter((l) => !numbers.some((n) => n.lo < l.value[1] && l.value[0] < n.hi));
  return [
    ...numbers.map(({ kind, lo, hi }) => [lo, `contains ${NUMBERS[kind][0]} (${describe(lo, hi)}): remove it — ${NUMBERS[kind][1]}${keepElsewhere}`]),
    ...labelled.map((l) => [l.lo, `contains ${l.kind} after the label "${l.text}" (${describe(l.lo, l.hi)}): remove the value — `
      + `record only counts, age bands (<14, 14–15, 16–17) and times; ${keepElsewhere}`]),
  ].sort((a, b) => a[0] - b[0]).map(([, reason]) => ({ location: field, reason }));
}

// A key named "phone" invites a phone number even while its value is empty.
const FORBIDDEN_KEYS = new Set(("name minor_name id_number id_card resident_id phone mobile telephone school address home_address"
  + " photo face guardian_name guardian_phone 姓名 身份证 电话 学校 住址").split(" "));
// Where such a key names an object (a seized item's "电脑主机"), not a person.
const OBJECT_KEY_PATHS = new Set(["findings[].measures[].items[].name", "measures[].items[].name"]);

// findings[0].measures[2].items[1].name → findings[].measures[].items[].name
function shapeOf(path) {
  let out = "", inIndex = false;
  for (const c of graphemes(path)) {
    if (c === "[" || c === "]") inIndex = c === "[";
    if (c === "[" || c === "]" || !inIndex) out += c;
  }
  return out;
}

// camelCase, "-" and " " read as snake_case ("guardianPhone", "ID-Card"). \p{…} differs from Swift's
// Character properties only where no forbidden key can result.
function normalisedKey(key) {
  let out = "", previousLower = false;
  for (const c of graphemes(key.replace(/^[\t\p{Zs}]+|[\t\p{Zs}]+$/gu, ""))) {
    if (/^\p{Uppercase}$/u.test(c) && previousLower) out += "_";
    out += c === "-" || c === " " ? "_" : c.toLowerCase();
    previousLower = /^\p{Lowercase}$/u.test(c) || /^\p{N}/u.test(c);
  }
  return out;
}

/** `keys`: [{path, key}], each object member's key with its JSON path. */
export function forbiddenKeyIssues(keys) {
  return keys.flatMap(({ path, key }) => {
    const k = normalisedKey(key);
    if (!FORBIDDEN_KEYS.has(k.normalize("NFC")) || OBJECT_KEY_PATHS.has(shapeOf(path))) return [];
    return [{ location: path, reason: `"${k}" is not allowed in a submission about minors: record only how many, age band, times, `
      + "the venue's log reference and whether guardians or police were called — identity evidence stays in the handling department's own case file" }];
  });
}

/** A whole submission as sent (snake_case keys): forbidden keys, then the texts the server scans. */
export function submissionIssues(body) {
  const keys = [];
  (function walk(value, path) {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}[${i}]`));
    if (value === null || typeof value !== "object") return;
    for (const [key, v] of Object.entries(value)) {
      keys.push({ path: path === "" ? key : `${path}.${key}`, key });
      walk(v, keys.at(-1).path);
    }
  })(body, "");
  const list = (v) => (Array.isArray(v) ? v : []); // what the server would refuse to decode is skipped
  const texts = [["unplanned_reason", body?.unplanned_reason], ["minors.log_reference", body?.minors?.log_reference]];
  list(body?.findings).forEach((f, i) => {
    texts.push([`findings[${i}].facts`, f?.facts]);
    list(f?.measures).forEach((m, j) => {
      texts.push([`findings[${i}].measures[${j}].note`, m?.note]);
      list(m?.items).forEach((item, k) => texts.push([`findings[${i}].measures[${j}].items[${k}].name`, item?.name]));
    });
  });
  return [...forbiddenKeyIssues(keys), ...texts.flatMap(([path, v]) => (typeof v === "string" && v ? textIssues(v, path) : []))];
}
