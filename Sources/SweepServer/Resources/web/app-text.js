// The field app's words: Chinese first, English for phones set to another language.
const zh = navigator.languages ? navigator.languages.some((l) => l.toLowerCase().startsWith("zh")) : true;

const words = {
  loading: ["正在加载…", "Loading…"],
  syncNow: ["同步", "Sync"],
  tabToday: ["今日任务", "Today"],
  tabUnplanned: ["计划外", "Unplanned"],
  tabQueue: ["待发送", "Outbox"],
  pairTitle: ["配对本机", "Pair this phone"],
  pairHelp: ["输入协调员给您的配对码（或扫描路线单上的二维码）。", "Enter the pairing code your coordinator gave you (or scan the QR code on the route sheet)."],
  pairCode: ["配对码", "Pairing code"],
  pairButton: ["配对", "Pair"],
  waiting: ["{n} 条待发送", "{n} waiting"],
  refusedCount: ["{n} 条被退回", "{n} refused"],
  allSent: ["全部已发送", "All sent"],
  lastSync: ["上次同步 {t}", "last sync {t}"],
  neverSynced: ["尚未同步", "not synced yet"],
  offline: ["离线", "offline"],
  syncing: ["正在同步…", "syncing…"],
  noStorage: ["此浏览器不能离线保存（可能是无痕模式）：离线工作已关闭，请在有网络时提交。",
    "This browser cannot keep data offline (private mode?): offline work is off; submit while online."],
  sessionEnded: ["本机的登录已结束：请重新配对，待发送的记录会保留并在配对后发送。",
    "This phone's session has ended: pair again; waiting visits are kept and sent once paired."],
  noSweeps: ["今天没有已派发的检查任务。", "No dispatched sweeps for today."],
  upcoming: ["后续任务", "Coming up"],
  today: ["今天", "Today"],
  downloaded: ["已下载供离线使用 {t}", "downloaded for offline use {t}"],
  hours: ["营业时间", "Opening hours"],
  why: ["入选原因", "Why chosen"],
  record: ["记录检查", "Record visit"],
  done: ["已提交", "Submitted"],
  queued: ["待发送", "Queued"],
  visitTitle: ["检查记录", "Visit"],
  outcome: ["结果", "Outcome"],
  o_inspected: ["已检查", "Inspected"],
  o_venue_closed: ["场所关闭", "Venue closed"],
  o_not_found: ["未找到场所", "Venue not found"],
  o_entry_refused: ["拒绝进入", "Entry refused"],
  arrived: ["到达时间", "Arrived"],
  departed: ["离开时间（保存时自动填写）", "Departed (filled in when saved)"],
  position: ["位置", "Position"],
  locating: ["正在定位…", "Locating…"],
  noPosition: ["无法定位（可不填）", "No position (optional)"],
  relocate: ["重新定位", "Locate again"],
  minors: ["未成年人（只记人数和年龄段）", "Minors (counts and age bands only)"],
  count: ["人数", "Count"],
  under14: ["<14岁", "<14"],
  from14to15: ["14–15岁", "14–15"],
  from16to17: ["16–17岁", "16–17"],
  logReference: ["场所登记簿编号", "Venue log reference"],
  guardians: ["已通知监护人", "Guardians called"],
  police: ["已报警", "Police called"],
  mandatory: ["已强制报告", "Mandatory report filed"],
  findingFor: ["{d} 的检查发现", "Findings of {d}"],
  otherDepartments: ["同组其他部门在各自手机上记录：{d}", "Other departments on the team record on their own phones: {d}"],
  searchViolations: ["搜索违法行为（中文、代码）", "Search violations (title or code)"],
  defaultBasis: ["默认依据", "Default basis"],
  measures: ["措施", "Measures"],
  orderToCorrect: ["责令改正", "Order to correct"],
  deadline: ["期限", "Deadline"],
  sealing: ["查封", "Sealing"],
  seizure: ["扣押", "Seizure"],
  itemName: ["物品", "Item"],
  itemCount: ["数量", "Count"],
  facts: ["事实（不得含身份证号、电话、姓名）", "Facts (no ID numbers, phones or names)"],
  photos: ["照片", "Photos"],
  addPhoto: ["拍照", "Take photo"],
  save: ["保存并发送", "Save and send"],
  saved: ["已保存：{n}", "Saved: {n}"],
  stopped: ["未保存，请先修改：", "Not saved; correct this first:"],
  unplannedTitle: ["计划外检查", "Unplanned visit"],
  unplannedReason: ["原因（例如：途中发现黑网吧）", "Reason (e.g. black café found on the way)"],
  origin: ["来源", "Origin"],
  venueSearch: ["搜索场所（名称、编号、地址）", "Search venues (name, code, address)"],
  nearby: ["附近场所", "Nearby venues"],
  pick: ["选择", "Pick"],
  newVenue: ["新的疑似场所", "New suspected venue"],
  newVenueHelp: ["登记册里没有的场所（如途中发现的黑网吧）：在此位置登记为无证、状态待查，并记录检查。",
    "A venue the registry lacks (a black café found on the way): registered here as unlicensed, status unknown, with the visit."],
  venueName: ["名称或描述", "Name or description"],
  venueAddress: ["地址（如知道）", "Address (if known)"],
  venueKind: ["类型", "Kind"],
  k_internet_cafe: ["网吧", "Internet café"],
  k_tobacco_retail: ["烟草零售", "Tobacco retail"],
  k_other: ["其他", "Other"],
  newVenueVisit: ["在此位置记录检查", "Record a visit here"],
  venueNameNeeded: ["请填写名称或描述。", "Give a name or description."],
  positionNeeded: ["需要本机位置：请允许定位后重试。", "The phone's position is needed: allow location and try again."],
  queueTitle: ["待发送的记录", "Waiting visits"],
  queueEmpty: ["没有待发送的记录。", "Nothing waiting."],
  refusedBy: ["服务器退回：", "Refused by the server:"],
  edit: ["修改后重发", "Correct and resend"],
  retry: ["重发", "Resend"],
  photoCount: ["{n} 张照片", "{n} photos"],
  sentLog: ["已发送", "Sent"],
};

/** The word for `key` in the phone's language, with {name} filled in. */
export function t(key, values = {}) {
  const pair = words[key];
  let text = pair ? (zh ? pair[0] : pair[1]) : key;
  for (const [k, v] of Object.entries(values)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

export const chinese = zh;

/** Fills every [data-i18n] element below `root`. */
export function translate(root) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
}

/** A time as China Standard Time, HH:MM (stops are planned in Beijing time). */
export function clock(iso) {
  return new Date(iso).toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hour12: false });
}

/** Today's date in China Standard Time, YYYY-MM-DD. */
export function chinaDay(date = new Date()) {
  return new Date(date.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
