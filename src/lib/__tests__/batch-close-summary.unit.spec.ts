import type { BatchDTO } from "../../modules/order-batch/types"
import { describeBatchClose } from "../batch-close-summary"

const batch = (fields: Partial<BatchDTO> = {}): BatchDTO => ({
  id: "obat_1",
  number: 12,
  status: "closed",
  opened_at: new Date("2026-11-29T08:00:00Z"),
  closed_at: new Date("2026-11-30T09:00:00Z"),
  closed_by: "user_1",
  close_reason: "login",
  printed_at: null,
  printed_by: null,
  exported_at: null,
  exported_by: null,
  order_count: 31,
  canceled_count: 0,
  totals: [{ currency_code: "eur", amount: 1893.5 }],
  totals_pending: false,
  ...fields,
})

const context = { actorName: "Ada Admin", adminPath: "/app" }

describe("what a close notification says", () => {
  it("names the batch, who closed it and how, its orders and totals, and links to it", () => {
    expect(describeBatchClose(batch(), context)).toEqual({
      title: "Batch 12 closed at Ada Admin's login: 31 orders, €1,893.50",
      description: "Closed 30 Nov 2026, 09:00 UTC. Open it under Orders › Batches, or go to /app/batches/12.",
      path: "/app/batches/12",
      url: "/app/batches/12",
      actorName: "Ada Admin",
    })
  })

  it.each([
    [{ close_reason: "manual" as const }, context, "Batch 12 closed by Ada Admin: 31 orders, €1,893.50"],
    [{ close_reason: "manual" as const, closed_by: "apk_1" }, { ...context, actorName: null }, "Batch 12 closed by a request to the admin API: 31 orders, €1,893.50"],
    [{ close_reason: "schedule" as const, closed_by: null }, { ...context, actorName: null }, "Batch 12 closed on schedule: 31 orders, €1,893.50"],
    [{ order_count: 1, totals: [{ currency_code: "eur", amount: 10 }, { currency_code: "usd", amount: 5 }] }, context, "Batch 12 closed at Ada Admin's login: 1 order, €10.00 + $5.00"],
    [{ totals_pending: true }, context, "Batch 12 closed at Ada Admin's login: 31 orders, totals still being read"],
    [{ order_count: 0, totals: [] }, context, "Batch 12 closed at Ada Admin's login: no orders"],
  ])("%j", (fields, ctx, title) => {
    expect(describeBatchClose(batch(fields), ctx).title).toBe(title)
  })

  it("says what the totals leave out, and gives a full address where the backend URL is known", () => {
    const summary = describeBatchClose(batch({ canceled_count: 2 }), {
      ...context,
      adminPath: "/dashboard/",
      backendUrl: "https://shop.example.com/",
    })
    expect(summary.description).toBe(
      "Closed 30 Nov 2026, 09:00 UTC. 2 canceled orders are left out of the totals. Open it under Orders › Batches, or go to https://shop.example.com/dashboard/batches/12."
    )
    expect(summary.path).toBe("/dashboard/batches/12")
  })
})
