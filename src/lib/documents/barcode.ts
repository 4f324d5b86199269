import bwipjs from "bwip-js"
import { escapeHtml } from "./escape-html"

/**
 * Module (narrowest bar) widths in inches: a whole number of printer dots
 * at 300 and 600 dpi, so bars print sharp at 100 % instead of being rounded
 * unevenly. 1/75 in (13.3 mil) for the order number on a slip, 1/100 in
 * (10 mil) for SKUs, which are longer and sit in a table column; both are
 * well inside what handheld scanners read.
 */
export const BARCODE_MODULE_IN = { slip: 1 / 75, line: 1 / 100 } as const

export type BarcodeOptions = {
  /** Width of the narrowest bar, in inches. */
  moduleInches: number
  /** Bar height, in millimetres. */
  heightMm: number
}

// Scanners need ten modules of white either side of the bars.
const QUIET_ZONE = 10

// Code 128 reaches beyond ASCII only through FNC4 and Latin-1, which scanners
// type out inconsistently; a barcode that scans wrong is worse than none.
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/

/**
 * A Code 128 barcode of `text` as inline SVG, sized in physical units for
 * print: vector bars need no script, image or font, so the documents'
 * content policy (no script, nothing loaded) allows them. Returns an empty
 * string for text beyond printable ASCII, which scanners do not read back
 * reliably; the text itself is printed beside it anyway.
 */
export function code128Svg(text: string, { moduleInches, heightMm }: BarcodeOptions): string {
  if (!PRINTABLE_ASCII.test(text)) {
    return ""
  }
  let svg: string
  try {
    svg = bwipjs.toSVG({
      bcid: "code128",
      text,
      scale: 1,
      height: 10,
      paddingwidth: QUIET_ZONE,
    })
  } catch {
    return ""
  }
  const [, width] = /viewBox="0 0 (\d+(?:\.\d+)?) /.exec(svg) ?? []
  if (!width) {
    return ""
  }
  // One viewBox unit is one module at scale 1; the bars stretch to the height.
  const attributes = [
    'class="barcode"',
    'role="img"',
    `aria-label="${escapeHtml(`Barcode ${text}`)}"`,
    `data-barcode="${escapeHtml(text)}"`,
    `width="${(Number(width) * moduleInches).toFixed(4)}in"`,
    `height="${heightMm}mm"`,
    'preserveAspectRatio="none"',
    'shape-rendering="crispEdges"',
  ].join(" ")
  return svg.replace("<svg ", `<svg ${attributes} `).trim()
}
