import { MedusaError } from "@medusajs/framework/utils"
import { MAX_BATCH_NUMBER } from "../../lib/batch-number"

/**
 * Options of the plugin, given in a store's `medusa-config.ts`:
 * `plugins: [{ resolve: "medusa-order-batches", options: { ... } }]`.
 */
export type OrderBatchOptions = {
  /**
   * Close the open batch and open the next one on every successful
   * administrator login.
   *
   * @default true
   */
  rotateOnLogin?: boolean
  /**
   * Rotate at login even when the open batch has no orders (the number then
   * tracks logins); `false` keeps an empty batch open.
   *
   * @default true
   */
  rotateEmptyBatch?: boolean
  /**
   * Number of the first batch, for stores that continue the numbering of an
   * older system. Read only when the first batch is created. At most
   * 2146483647 (`MAX_FIRST_BATCH_NUMBER`), which leaves room for a million
   * batches under the largest batch number, 2147483647.
   *
   * @default 1
   */
  firstBatchNumber?: number
}

export type ResolvedOrderBatchOptions = Required<OrderBatchOptions>

export const DEFAULT_OPTIONS: ResolvedOrderBatchOptions = {
  rotateOnLogin: true,
  rotateEmptyBatch: true,
  firstBatchNumber: 1,
}

/**
 * Batches a store can still close after its first one. Numbering that starts
 * closer to the largest batch number would run out after a few logins (every
 * login closes a batch) and then fail every rotation.
 */
export const BATCHES_AHEAD = 1_000_000

/** The largest `firstBatchNumber`: it leaves room for BATCHES_AHEAD batches. */
export const MAX_FIRST_BATCH_NUMBER = MAX_BATCH_NUMBER - BATCHES_AHEAD

const invalid = (message: string) =>
  new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `medusa-order-batches: ${message}`
  )

/**
 * Validates the options a store passed and fills in the defaults. Throws a
 * message naming the option, so a wrong configuration stops the store at
 * start-up instead of misbehaving later.
 */
export function resolveOptions(
  options: Record<string, unknown> = {}
): ResolvedOrderBatchOptions {
  const resolved = { ...DEFAULT_OPTIONS }

  for (const key of ["rotateOnLogin", "rotateEmptyBatch"] as const) {
    const value = options[key]
    if (value === undefined) {
      continue
    }
    if (typeof value !== "boolean") {
      throw invalid(
        `option "${key}" must be true or false; received ${JSON.stringify(value)}.`
      )
    }
    resolved[key] = value
  }

  const first = options.firstBatchNumber
  if (first !== undefined) {
    if (
      typeof first !== "number" ||
      !Number.isInteger(first) ||
      first < 1 ||
      first > MAX_FIRST_BATCH_NUMBER
    ) {
      throw invalid(
        `option "firstBatchNumber" must be a whole number from 1 to ${MAX_FIRST_BATCH_NUMBER} ` +
          `(room for ${BATCHES_AHEAD.toLocaleString("en-US")} batches below the largest batch number, ` +
          `${MAX_BATCH_NUMBER}); received ${JSON.stringify(first)}.`
      )
    }
    resolved.firstBatchNumber = first
  }

  return resolved
}
