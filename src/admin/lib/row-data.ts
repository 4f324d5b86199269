/**
 * `useDataTable`'s `onRowClick` is typed to receive the row's data, but
 * @medusajs/ui 4.2 passes TanStack's `Row`, whose data is `original`. This
 * reads either, so a fix of the typing or of the call breaks nothing.
 */
export const rowData = <T extends object>(row: T | { original: T }): T =>
  "original" in row ? row.original : row
