import { stringify, Stringifier } from "csv-stringify"
import { neutraliseCell } from "./neutralise-cell"

/**
 * A CSV writer for the batch files: a header row, a byte-order mark so
 * spreadsheets read the file as UTF-8 (names and addresses are rarely
 * ASCII), and every text cell neutralised against formula injection.
 * Numbers stay numbers, so a negative total is not mistaken for a formula.
 */
export function createCsvStringifier(
  columns: { key: string; header: string }[]
): Stringifier {
  return stringify({
    header: true,
    columns,
    bom: true,
    cast: {
      string: (value) => neutraliseCell(value),
      date: (value) => value.toISOString(),
    },
  })
}

export const csvHeaders = (filename: string) => ({
  "Content-Type": "text/csv; charset=utf-8",
  "Content-Disposition": `attachment; filename="${filename}"`,
})
