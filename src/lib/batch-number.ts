// Pure and import-free on purpose: the server (API validators, module
// options) and the dashboard (bundled by Vite) share this one file, so a batch
// number means the same thing everywhere.

/** The largest batch number: batch numbers are PostgreSQL integers. */
export const MAX_BATCH_NUMBER = 2_147_483_647

/** What a batch number may be, for messages that say what is accepted. */
export const BATCH_NUMBER_RULE = `a whole number from 1 to ${MAX_BATCH_NUMBER}`

export type BatchNumberProblem =
  | "empty"
  | "not_a_number"
  | "too_small"
  | "too_large"

export type BatchNumberResult =
  | { ok: true; number: number }
  | { ok: false; reason: BatchNumberProblem }

const fail = (reason: BatchNumberProblem): BatchNumberResult => ({
  ok: false,
  reason,
})

/**
 * Reads a batch number strictly, as the API takes it: plain digits without a
 * leading zero, so `1.5`, `1e3`, `0x10`, `01` or ` 7` are refused instead of
 * being coerced into some other batch.
 */
export function parseBatchNumber(text: string): BatchNumberResult {
  if (text === "") {
    return fail("empty")
  }
  const match = /^(-?)([0-9]+)$/.exec(text)
  if (!match) {
    return fail("not_a_number")
  }
  const [, sign, digits] = match
  if (sign || /^0+$/.test(digits)) {
    return fail("too_small")
  }
  if (digits.startsWith("0")) {
    return fail("not_a_number")
  }
  // Past ten digits Number() would round; such a number is too large anyway.
  if (digits.length > 10 || Number(digits) > MAX_BATCH_NUMBER) {
    return fail("too_large")
  }
  return { ok: true, number: Number(digits) }
}

/**
 * Reads what an administrator typed into "Go to batch #": as strict as the
 * API about what counts as a number, but forgiving about the frame a person
 * types around it (surrounding spaces, a leading `#`, leading zeros).
 */
export function parseTypedBatchNumber(value: string): BatchNumberResult {
  const text = value.trim().replace(/^#/, "").replace(/^0+(?=[0-9])/, "")
  return parseBatchNumber(text)
}
