import { z } from "@medusajs/framework/zod"

export type AdminGetBatchPickListParamsType = z.infer<typeof AdminGetBatchPickListParams>
export const AdminGetBatchPickListParams = z
  .object({
    format: z.enum(["html", "csv"]).optional().default("html"),
  })
  .strict()
