/**
 * Dates and amounts in the browser's locale. The dashboard's language codes
 * (e.g. "enGB") are not all valid BCP 47 tags, so Intl gets none.
 */
export const formatDateTime = (value: string | Date | null | undefined) =>
  value
    ? new Intl.DateTimeFormat(undefined, {
        dateStyle: "medium",
        timeStyle: "short",
      }).format(new Date(value))
    : null

export const formatAmount = (amount: number, currencyCode: string) =>
  new Intl.NumberFormat(undefined, {
    style: "currency",
    currency: currencyCode.toUpperCase(),
  }).format(amount)
