import { z } from "@medusajs/framework/zod"
import { MedusaError } from "@medusajs/framework/utils"
import { MAX_BATCH_NUMBER } from "../../../modules/order-batch/options"

const ACCEPTED = `a whole number from 1 to ${MAX_BATCH_NUMBER}`

/**
 * Reads a batch number strictly: digits only, so `1.5`, `1e3`, `0x10` or
 * ` 7` are refused instead of being coerced into some other batch.
 */
export function parseBatchNumber(value: unknown): number {
  const text = typeof value === "string" ? value : String(value ?? "")
  const number = /^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : NaN
  if (!Number.isSafeInteger(number) || number > MAX_BATCH_NUMBER) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Batch number must be ${ACCEPTED}; received "${text.slice(0, 40)}".`
    )
  }
  return number
}

const wholeNumber = (name: string, min: number, max: number) => {
  const error = `${name} must be a whole number from ${min} to ${max}.`
  return z.preprocess(
    // Query strings arrive as text; only plain digits become a number.
    (value) =>
      typeof value === "string" && /^[0-9]+$/.test(value) ? Number(value) : value,
    z.number({ error }).int(error).min(min, error).max(max, error)
  )
}

const pagination = (defaultLimit: number) =>
  z.object({
    limit: wholeNumber("limit", 1, 500).optional().default(defaultLimit),
    offset: wholeNumber("offset", 0, MAX_BATCH_NUMBER).optional().default(0),
  })

export type AdminGetBatchesParamsType = z.infer<typeof AdminGetBatchesParams>
export const AdminGetBatchesParams = pagination(20).strict()

export type AdminGetBatchOrdersParamsType = z.infer<typeof AdminGetBatchOrdersParams>
export const AdminGetBatchOrdersParams = pagination(50)
  .extend({ fields: z.string().optional() })
  .strict()

export type AdminRotateBatchType = z.infer<typeof AdminRotateBatch>
export const AdminRotateBatch = z
  .object({
    number: wholeNumber("number", 1, MAX_BATCH_NUMBER).optional(),
  })
  .strict()
