import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaContainer } from "@medusajs/framework/types"
import { batchOrderPages } from "../../../lib/batch-order-pages"
import OrderBatchModuleService from "../service"
import { moduleUnderTest } from "./fixtures"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<OrderBatchModuleService>({
  ...moduleUnderTest,
  testSuite: ({ service }) => {
    // The documents resolve only the module from their scope.
    const scope = { resolve: () => service } as unknown as MedusaContainer
    const ids = async (ids: string[]) => ids.map((id) => ({ id }))

    it("reads a batch page by page after the last order read: every order once, ties on placed_at in id order", async () => {
      const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s))
      // Three orders share a second across the first page's seam; one is older than all.
      const orders = [
        { order_id: "order_e", placed_at: at(2) },
        { order_id: "order_c", placed_at: at(1) },
        { order_id: "order_a", placed_at: at(1) },
        { order_id: "order_z", placed_at: at(0) },
        { order_id: "order_b", placed_at: at(1) },
        { order_id: "order_d", placed_at: at(3) },
      ]
      await service.assignOrders(orders.map((o) => ({ ...o, currency_code: "eur", total: 1 })))
      const [open] = await service.listOrderBatches({ status: "open" })

      const pages: { ids: string[]; offset: number; count: number }[] = []
      for await (const page of batchOrderPages(scope, open.id, ids, 2)) {
        pages.push({ ids: page.orders.map((o) => o.id), offset: page.offset, count: page.count })
      }

      expect(pages).toEqual([
        { ids: ["order_z", "order_a"], offset: 0, count: 6 },
        { ids: ["order_b", "order_c"], offset: 2, count: 6 },
        { ids: ["order_e", "order_d"], offset: 4, count: 6 },
      ])
    })

    it("stops at the count taken at the first page when the open batch gains orders meanwhile", async () => {
      await service.assignOrders(
        ["order_1", "order_2", "order_3"].map((order_id, i) => ({
          order_id,
          placed_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
        }))
      )
      const [open] = await service.listOrderBatches({ status: "open" })

      const read: string[] = []
      for await (const page of batchOrderPages(scope, open.id, ids, 2)) {
        read.push(...page.orders.map((o) => o.id))
        if (read.length === 2) {
          await service.assignOrders([{ order_id: "order_4", placed_at: new Date(Date.UTC(2026, 0, 2)) }])
        }
      }

      expect(read).toEqual(["order_1", "order_2", "order_3"])
      expect((await service.listOrderBatchOrders({ batch_id: open.id })).length).toBe(4)
    })
  },
})
