/**
 * Characters that make a spreadsheet read a cell as a formula (tab and
 * carriage return included: some spreadsheets strip them and then see one).
 */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A text cell that a spreadsheet shows as text: shopper-typed values such
 * as `=HYPERLINK(...)` in a name or address would otherwise run as a
 * formula when a merchant opens the export (CSV injection). The leading
 * apostrophe is what spreadsheets themselves use to mark text.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}
