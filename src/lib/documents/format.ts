import { MathBN } from "@medusajs/framework/utils"

export type PersonName = {
  first_name?: string | null
  last_name?: string | null
}

export type PostalAddress = PersonName & {
  company?: string | null
  address_1?: string | null
  address_2?: string | null
  postal_code?: string | null
  city?: string | null
  province?: string | null
  country_code?: string | null
  phone?: string | null
}

/** Amounts and quantities arrive as numbers, strings or Medusa's BigNumber. */
export function toNumber(value: unknown): number {
  return value === null || value === undefined
    ? 0
    : MathBN.convert(value as Parameters<typeof MathBN.convert>[0]).toNumber()
}

export function fullName(person?: PersonName | null): string {
  return [person?.first_name, person?.last_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(" ")
}

/** The lines of an address below the name, as a label shows them. */
export function addressLines(address?: PostalAddress | null): string[] {
  if (!address) {
    return []
  }
  return [
    address.company,
    address.address_1,
    address.address_2,
    [address.postal_code, address.city].filter(Boolean).join(" "),
    address.province,
    address.country_code?.toUpperCase(),
  ]
    .map((line) => line?.trim())
    .filter((line): line is string => !!line)
}

/** "1 order", "3 orders". */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`
}

const moneyFormats = new Map<string, Intl.NumberFormat>()

export function formatMoney(amount: unknown, currencyCode?: string | null): string {
  const value = toNumber(amount)
  const currency = currencyCode?.toUpperCase()
  if (!currency) {
    return value.toFixed(2)
  }
  let format = moneyFormats.get(currency)
  if (!format) {
    try {
      format = new Intl.NumberFormat("en", { style: "currency", currency })
    } catch {
      // A malformed code in old data should not cost the merchant the printout.
      return `${value.toFixed(2)} ${currency}`
    }
    moneyFormats.set(currency, format)
  }
  return format.format(value)
}

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
})

/** A date for people; the server does not know the reader's time zone, so it says UTC. */
export function formatDate(value: Date | string | null | undefined): string {
  return value ? `${dateFormat.format(new Date(value))} UTC` : ""
}
