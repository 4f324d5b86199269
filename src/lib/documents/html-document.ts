import { escapeHtml } from "./escape-html"

/**
 * Print CSS shared by the batch documents: A4 pages, black on white, no
 * screen chrome on paper. Kept inline so the document needs nothing else
 * from the server (it is opened in its own tab and printed from there).
 */
const STYLE = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
html { color: #111; background: #fff; }
body { margin: 0; font: 10.5pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
h1 { font-size: 17pt; margin: 0; }
h2 { font-size: 10pt; margin: 0 0 2mm; text-transform: uppercase; letter-spacing: .04em; color: #555; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 1.6mm 2mm; border-bottom: .3mm solid #ccc; vertical-align: top; }
th { font-size: 9pt; text-transform: uppercase; letter-spacing: .04em; color: #555; border-bottom-color: #111; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: #555; }
.notice { border: .4mm solid #b45309; background: #fffbeb; padding: 2mm 3mm; margin: 0 0 5mm; }
.order { break-after: page; page-break-after: always; }
.order:last-of-type { break-after: auto; page-break-after: auto; }
.order-head { display: flex; justify-content: space-between; align-items: flex-end; gap: 6mm; border-bottom: .6mm solid #111; padding-bottom: 2mm; margin-bottom: 5mm; }
.batch-tag { font-size: 13pt; font-weight: 600; }
.parties { display: flex; gap: 10mm; margin-bottom: 6mm; }
.parties > div { flex: 1; }
address { font-style: normal; }
.totals { width: 45%; margin: 5mm 0 0 auto; }
.totals th { text-transform: none; letter-spacing: 0; font-size: 10.5pt; color: #111; border-bottom-color: #ccc; }
.totals tr.grand th, .totals tr.grand td { font-weight: 700; border-bottom: .6mm solid #111; }
.page-foot { margin-top: 8mm; font-size: 9pt; color: #555; }
svg.barcode { display: block; }
td svg.barcode { margin-top: 1mm; }
.order-head svg.barcode { flex: none; }
.canceled-mark { border: 1mm solid #111; padding: 2mm 4mm; margin: 0 0 5mm; font-size: 12pt; }
.canceled-mark strong { font-size: 22pt; letter-spacing: .12em; margin-right: 4mm; vertical-align: middle; }
.order.canceled .parties, .order.canceled table { opacity: .45; }
.order.canceled .items td { text-decoration: line-through; }
@media screen {
  html, body { background: #f3f4f6; }
  body { padding: 8mm 0; }
  .sheet { background: #fff; width: 210mm; min-height: 120mm; margin: 0 auto 8mm; padding: 14mm 12mm; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
}
`

/** The start of a batch document, up to the open body. */
export function documentStart(title: string): string {
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "",
  ].join("\n")
}

export function documentEnd(): string {
  return "</body>\n</html>\n"
}

/**
 * Headers for the HTML documents. The policy lets the document run no
 * script and load nothing, so even a value that escaped escaping could not
 * act with the administrator's session; the dashboard may still frame it.
 * Barcodes are inline SVG elements, part of the document itself, so the
 * policy needs nothing for them.
 */
export const HTML_DOCUMENT_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
}
