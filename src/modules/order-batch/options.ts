import { MedusaError } from "@medusajs/framework/utils"
import { BATCH_NUMBER_RULE, MAX_BATCH_NUMBER } from "../../lib/batch-number"

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
   * older system. Read only when the first batch is created.
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
      first > MAX_BATCH_NUMBER
    ) {
      throw invalid(
        `option "firstBatchNumber" must be ${BATCH_NUMBER_RULE}; received ${JSON.stringify(first)}.`
      )
    }
    resolved.firstBatchNumber = first
  }

  return resolved
}
