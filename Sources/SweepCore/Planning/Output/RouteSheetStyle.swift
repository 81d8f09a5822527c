import Foundation

/// The route sheet's only stylesheet, inlined so the file prints offline: no web fonts (only
/// fonts already installed on office PCs are named), no external resources.
enum RouteSheetStyle {
    static let css = """
    @page { size: A4 portrait; margin: 12mm 12mm 14mm 12mm; }
    * { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimHei", "SimSun", sans-serif;
           font-size: 10pt; color: #111827; background: #ffffff; }
    body { margin: 0; }
    .sheet { max-width: 186mm; margin: 0 auto; padding: 8mm 0; }
    h1 { font-size: 16pt; margin: 0 0 2mm 0; }
    h1 .en, h2 .en, th .en, dt .en { font-weight: normal; color: #4b5563; font-size: 0.8em; }
    h2 { font-size: 11pt; margin: 5mm 0 2mm 0; border-bottom: 1px solid #9ca3af; padding-bottom: 1mm; }
    .confidential { border: 2px solid #b91c1c; color: #b91c1c; font-weight: bold; padding: 2mm 3mm; margin: 3mm 0; }
    dl.header { display: grid; grid-template-columns: auto 1fr auto 1fr; gap: 1mm 4mm; margin: 0; }
    dl.header dt { font-weight: bold; white-space: nowrap; }
    dl.header dd { margin: 0; }
    table { width: 100%; border-collapse: collapse; font-size: 8.5pt; }
    th, td { border: 1px solid #6b7280; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
    th { background: #f3f4f6; }
    td.num { text-align: right; white-space: nowrap; }
    td.time { white-space: nowrap; }
    .code { color: #4b5563; font-size: 0.9em; }
    .map { margin: 2mm 0; }
    .route-map { width: 100%; height: auto; display: block; }
    .legend { font-size: 8.5pt; margin-top: 1mm; }
    .legend span.item { margin-right: 5mm; white-space: nowrap; }
    .swatch { display: inline-block; width: 3mm; height: 3mm; border-radius: 50%; vertical-align: middle; margin-right: 1mm; }
    .swatch.depot { border-radius: 0; background: #111827; }
    .sign td { height: 11mm; }
    .note { font-size: 8.5pt; color: #4b5563; }
    .totals { margin-top: 1mm; font-size: 8.5pt; }
    @media print {
      .sheet { padding: 0; max-width: none; }
      .sheet + .sheet { break-before: page; page-break-before: always; }
      thead { display: table-header-group; }
      tr, .map, .signatures, .confidential { break-inside: avoid; page-break-inside: avoid; }
      h2 { break-after: avoid; page-break-after: avoid; }
    }
    @media screen {
      body { background: #e5e7eb; }
      .sheet { background: #ffffff; padding: 12mm; margin: 6mm auto; max-width: 210mm; box-shadow: 0 1px 4px rgba(0,0,0,0.2); }
    }
    """
}
