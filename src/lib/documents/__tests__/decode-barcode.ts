import { Resvg } from "@resvg/resvg-js"
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from "@zxing/library"

/** The inline SVG barcodes of a document, in document order. */
export const barcodesIn = (html: string): string[] =>
  html.match(/<svg [^>]*class="barcode"[\s\S]*?<\/svg>/g) ?? []

/**
 * Reads a barcode back the way a scanner would: renders the SVG as printed
 * (at 300 dpi, its physical size) on white and decodes the picture as
 * Code 128. Throws where nothing can be read.
 */
export function decodeBarcodeSvg(svg: string, dpi = 300): string {
  const inches = Number(/width="([\d.]+)in"/.exec(svg)?.[1])
  const image = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "width", value: Math.round(inches * dpi) },
  }).render()
  const { width, height, pixels } = image
  const luminance = new Uint8ClampedArray(width * height)
  for (let i = 0; i < luminance.length; i++) {
    const [r, g, b] = [pixels[i * 4], pixels[i * 4 + 1], pixels[i * 4 + 2]]
    luminance[i] = (r * 299 + g * 587 + b * 114) / 1000
  }
  const reader = new MultiFormatReader()
  reader.setHints(new Map([[DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]]]))
  const bitmap = new BinaryBitmap(
    new HybridBinarizer(new RGBLuminanceSource(luminance, width, height))
  )
  return reader.decode(bitmap).getText()
}
