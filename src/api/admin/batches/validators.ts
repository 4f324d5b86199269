import { z } from "@medusajs/framework/zod"
import { MedusaError } from "@medusajs/framework/utils"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import {
  BATCH_NUMBER_RULE,
  MAX_BATCH_NUMBER,
  parseBatchNumber,
} from "../../../lib/batch-number"
import { BATCH_ACTIONS } from "../../../modules/order-batch/types"

const batchNumberMessage = (text: string) =>
  `Batch number must be ${BATCH_NUMBER_RULE}; received "${text.slice(0, 40)}".`

/** The `:number` of a batch route, or a 400 that says what is accepted. */
export function parseBatchNumberParam(text: string): number {
  const parsed = parseBatchNumber(text)
  if (!parsed.ok) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, batchNumberMessage(text))
  }
  return parsed.number
}

const PAGINATION_BOUNDS = {
  limit: [1, 500],
  offset: [0, MAX_BATCH_NUMBER],
} as const

/**
 * Medusa's find params, stricter about limit and offset: Medusa reads them
 * with parseInt, which would turn `1.5` into 1 and `1e3` into 1. Here only
 * plain digits within bounds pass, anything else is a 400.
 */
const findParams = <T extends z.ZodRawShape>(
  schema: z.ZodObject<T>,
  bounds: Record<"limit" | "offset", readonly [number, number]> = PAGINATION_BOUNDS
) =>
  z.preprocess((query, ctx) => {
    const raw = (query ?? {}) as Record<string, unknown>
    for (const [key, [min, max]] of Object.entries(bounds)) {
      const value = raw[key]
      const number =
        typeof value === "string" && /^(0|[1-9][0-9]*)$/.test(value)
          ? Number(value)
          : NaN
      if (value !== undefined && !(number >= min && number <= max)) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          input: value,
          message: `${key} must be a whole number from ${min} to ${max}.`,
        })
      }
    }
    return query
  }, schema.strict())

export type AdminGetBatchesParamsType = z.infer<typeof AdminGetBatchesParams>
export const AdminGetBatchesParams = findParams(
  createFindParams({ limit: 20, offset: 0 }).pick({ limit: true, offset: true })
)

export type AdminGetBatchOrdersParamsType = z.infer<typeof AdminGetBatchOrdersParams>
export const AdminGetBatchOrdersParams = findParams(
  createFindParams({ limit: 50, offset: 0 }).pick({
    limit: true,
    offset: true,
    fields: true,
  })
)

export type AdminGetBatchPickListParamsType = z.infer<typeof AdminGetBatchPickListParams>
export const AdminGetBatchPickListParams = z
  .object({
    format: z.enum(["html", "csv"]).optional().default("html"),
  })
  .strict()

export type AdminRotateBatchType = z.infer<typeof AdminRotateBatch>
export const AdminRotateBatch = z
  .object({
    // JSON gives a number, a form a string; both are read by the same rule.
    number: z
      .union([z.number(), z.string()])
      .transform((value, ctx) => {
        const parsed = parseBatchNumber(String(value))
        if (!parsed.ok) {
          ctx.addIssue({ code: "custom", message: batchNumberMessage(String(value)) })
          return z.NEVER
        }
        return parsed.number
      })
      .optional(),
  })
  .strict()

/** A page of a run's failures or outcomes: at most 100, as the dashboard polls them. */
const ACTION_PAGE_BOUNDS = { ...PAGINATION_BOUNDS, limit: [1, 100] } as const

export type AdminGetBatchActionRunParamsType = z.infer<typeof AdminGetBatchActionRunParams>
export const AdminGetBatchActionRunParams = findParams(
  z.object({
    limit: z.coerce.number().optional().default(20),
    offset: z.coerce.number().optional().default(0),
  }),
  ACTION_PAGE_BOUNDS
)

export type AdminGetBatchActionOutcomesParamsType = z.infer<typeof AdminGetBatchActionOutcomesParams>
export const AdminGetBatchActionOutcomesParams = findParams(
  z.object({
    limit: z.coerce.number().optional().default(20),
    offset: z.coerce.number().optional().default(0),
    status: z.enum(["pending", "claimed", "processing", "succeeded", "skipped", "failed"]).optional(),
  }),
  ACTION_PAGE_BOUNDS
)

export type AdminRunBatchActionType = z.infer<typeof AdminRunBatchAction>
export const AdminRunBatchAction = z
  .object({
    action: z.enum(BATCH_ACTIONS),
  })
  .strict()
