import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import OrderBatchModuleService from "../service"
import { moduleUnderTest } from "./fixtures"
import { createOrderTable, insertOrders } from "./order-table"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<OrderBatchModuleService>({
  ...moduleUnderTest,
  testSuite: ({ service, MikroOrmWrapper }) => {
    const db = () => MikroOrmWrapper.forkManager()
    beforeEach(() => createOrderTable(db()))

    /** Closes a batch of `count` orders swept in from the database: none of them has its total yet. */
    async function sweptBatch(prefix: string, count: number) {
      await insertOrders(db(), Array.from({ length: count }, (_, i) => ({ id: `${prefix}_${String(i).padStart(4, "0")}`, currency_code: "eur" })))
      const { closed, swept_order_ids } = await service.rotate({ reason: "manual" })
      expect(swept_order_ids).toHaveLength(count)
      return closed!.id
    }

    it("fills a batch's totals with one filler at a time, each order once, while another batch's fill goes on", async () => {
      const first = await sweptBatch("order_a", 1_100)
      const second = await sweptBatch("order_b", 30)
      expect((await service.listBatchIdsWithMissingTotals(10)).sort()).toEqual([first, second].sort())

      const read: string[] = []
      const totals = async (ids: string[]) => {
        read.push(...ids)
        return new Map(ids.map((id) => [id, 7]))
      }
      // The first filler holds the first batch while it reads its totals.
      let release!: () => void
      let reading!: () => void
      const holding = new Promise<void>((resolve) => (reading = resolve))
      const held = service.fillBatchOrderTotalsPage(first, 500, async (ids) => {
        reading()
        await new Promise<void>((resolve) => (release = resolve))
        return totals(ids)
      })
      await holding
      // A second filler of that batch (the reconcile job beside the close subscriber) leaves it alone...
      expect(await service.fillBatchOrderTotalsPage(first, 500, totals)).toBeNull()
      // ...and one of another batch is not held up.
      expect(await service.fillBatchOrderTotalsPage(second, 500, totals)).toBe(30)
      release()
      expect(await held).toBe(500)

      // The rest, page after page, until none is left.
      const pages: (number | null)[] = []
      for (let page = -1; page !== 0; ) {
        page = (await service.fillBatchOrderTotalsPage(first, 500, totals))!
        pages.push(page)
      }
      expect(pages).toEqual([500, 100, 0])
      expect(read).toHaveLength(1_130)
      expect(new Set(read).size).toBe(1_130)
      const [{ missing, seven }] = await db().execute(
        `SELECT count(*) FILTER (WHERE total IS NULL)::int AS missing, count(*) FILTER (WHERE total = 7)::int AS seven FROM order_batch_order`
      )
      expect({ missing, seven }).toEqual({ missing: 0, seven: 1_130 })
      expect(await service.listBatchIdsWithMissingTotals(10)).toEqual([])
    })

    it("counts an order that no longer exists as 0, so a fill always ends, and loses nothing when reading fails", async () => {
      const batch = await sweptBatch("order_c", 3)
      await expect(
        service.fillBatchOrderTotalsPage(batch, 500, async () => {
          throw new Error("the order module is down")
        })
      ).rejects.toThrow("the order module is down")
      // Nothing written, and the lock went with the transaction.
      expect(await service.listBatchIdsWithMissingTotals(10)).toEqual([batch])
      expect(await service.fillBatchOrderTotalsPage(batch, 500, async (ids) => new Map([[ids[0], 12]]))).toBe(3)
      const rows = await db().execute(`SELECT order_id, total::int AS total FROM order_batch_order ORDER BY order_id`)
      expect(rows.map((r: { total: number }) => r.total)).toEqual([12, 0, 0])
    })
  },
})
