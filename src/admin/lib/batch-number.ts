/** The largest batch number the API accepts (a PostgreSQL integer). */
export const MAX_BATCH_NUMBER = 2_147_483_647

export type BatchNumberInput =
  | { ok: true; number: number }
  | { ok: false; reason: "empty" | "not_a_number" | "too_small" | "too_large" }

/**
 * Reads what an administrator typed into "Go to batch #" as strictly as the
 * API does: plain digits only, so "1.5", "1e3" or "-2" never turn into some
 * other batch.
 */
export function parseBatchNumberInput(value: string): BatchNumberInput {
  const text = value.trim().replace(/^#/, "")
  if (!text) {
    return { ok: false, reason: "empty" }
  }
  if (/^-\d+$/.test(text)) {
    return { ok: false, reason: "too_small" }
  }
  if (!/^\d+$/.test(text)) {
    return { ok: false, reason: "not_a_number" }
  }
  const number = Number(text)
  if (number < 1) {
    return { ok: false, reason: "too_small" }
  }
  if (number > MAX_BATCH_NUMBER) {
    return { ok: false, reason: "too_large" }
  }
  return { ok: true, number }
}
