import { BARCODE_MODULE_IN, code128Svg } from "../barcode"
import { barcodesIn, decodeBarcodeSvg } from "./decode-barcode"

const slip = { moduleInches: BARCODE_MODULE_IN.slip, heightMm: 12 }
const line = { moduleInches: BARCODE_MODULE_IN.line, heightMm: 7 }

describe("Code 128 barcodes as inline SVG", () => {
  it.each(["1", "1042", "2147483647", "MUG-BLACK-L", "shirt/blue 42", 'A<&>"\'=x'])(
    "encodes %j so that a decoder reads it back",
    (text) => {
      for (const size of [slip, line]) {
        const svg = code128Svg(text, size)
        expect(barcodesIn(svg)).toHaveLength(1)
        expect(decodeBarcodeSvg(svg)).toBe(text)
      }
    }
  )

  it("sizes the bars in whole printer dots, with the text escaped in its attributes", () => {
    const svg = code128Svg('A<&>"', line)
    // Code 128 B: start, 5 characters, check, stop (13) and 2 × 10 quiet modules.
    expect(svg).toContain(`width="${((7 * 11 + 13 + 20) / 100).toFixed(4)}in"`)
    expect(svg).toContain('data-barcode="A&lt;&amp;&gt;&quot;"')
    expect(svg).not.toMatch(/<script|href=|<image/)
  })

  it("leaves out what Code 128 cannot carry", () => {
    expect(code128Svg("Tasse-Größe-Ä€", slip)).toBe("")
    expect(code128Svg("", slip)).toBe("")
  })
})
