import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import OrderBatchModuleService from "../service"
import { moduleUnderTest, placed } from "./fixtures"
import { createOrderTable, insertOrders } from "./order-table"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<OrderBatchModuleService>({
  ...moduleUnderTest,
  testSuite: ({ service, MikroOrmWrapper }) => {
    beforeEach(() => createOrderTable(MikroOrmWrapper.forkManager()))

    describe("the open batch", () => {
      it("does not exist on a new store, and reading it creates none", async () => {
        expect(await service.retrieveOpenBatch()).toBeNull()
        expect(await service.retrieveOpenBatch()).toBeNull()
        expect(await service.listOrderBatches()).toEqual([])
      })

      it("is created by the first assignment, numbered 1, and found again", async () => {
        await service.assignOrders([placed("order_1")])
        const open = await service.retrieveOpenBatch()

        expect(open).toMatchObject({
          number: 1,
          status: "open",
          closed_at: null,
          order_count: 1,
        })
        expect((await service.retrieveOpenBatch())!.id).toBe(open!.id)
        expect(await service.listOrderBatches()).toHaveLength(1)
      })

      it("is created once when many first orders arrive at once", async () => {
        await Promise.all(
          Array.from({ length: 12 }, (_, i) => service.assignOrders([placed(`order_${i}`)]))
        )
        const batches = await service.listOrderBatches()
        expect(batches).toHaveLength(1)
        expect((await service.retrieveOpenBatch())!.order_count).toBe(12)
      })

      it("is one row only: the database refuses a second open batch", async () => {
        await service.assignOrders([placed("order_1")])
        await expect(
          MikroOrmWrapper.forkManager().execute(
            `INSERT INTO order_batch (id, number, status, opened_at) VALUES ('obat_x', 99, 'open', now())`
          )
        ).rejects.toThrow(/IDX_order_batch_one_open/)
      })
    })

    describe("assignment", () => {
      it("puts orders into the open batch with their totals", async () => {
        const result = await service.assignOrders([
          placed("order_1", "eur", 10),
          placed("order_2", "eur", 5.5),
          placed("order_3", "usd", 7),
        ])
        const open = (await service.retrieveOpenBatch())!

        expect(result.assigned.map((a) => a.order_id).sort()).toEqual([
          "order_1",
          "order_2",
          "order_3",
        ])
        expect(result.existing).toEqual([])
        expect(open.order_count).toBe(3)
        expect(open.totals).toEqual([
          { currency_code: "eur", amount: 15.5 },
          { currency_code: "usd", amount: 7 },
        ])
      })

      it("neither duplicates nor moves an order when called again", async () => {
        await service.assignOrders([placed("order_1")])
        const { closed } = await service.rotate({ reason: "manual" })

        const again = await service.assignOrders([placed("order_1")])

        expect(again.assigned).toEqual([])
        expect(again.existing).toEqual([
          { order_id: "order_1", batch_id: closed!.id, batch_number: 1 },
        ])
        expect(await service.listOrderBatchOrders({})).toHaveLength(1)
        expect((await service.retrieveOpenBatch())!.order_count).toBe(0)
      })
    })

    describe("rotation", () => {
      it("closes the open batch and opens the next, recording who and why", async () => {
        await service.assignOrders([placed("order_1")])

        const result = await service.rotate({
          reason: "login",
          actor_id: "user_1",
          user_id: "user_1",
        })

        expect(result.rotated).toBe(true)
        expect(result.closed).toMatchObject({
          number: 1,
          status: "closed",
          closed_by: "user_1",
          close_reason: "login",
          order_count: 1,
        })
        expect(result.closed!.closed_at).toBeInstanceOf(Date)
        expect(result.opened).toMatchObject({ number: 2, status: "open", order_count: 0 })
        expect(result.swept_order_ids).toEqual([])
        expect((await service.retrieveCurrentBatch("user_1"))!.id).toBe(result.closed!.id)
      })

      it("on a new store creates the first batch and closes it", async () => {
        const { closed, opened } = await service.rotate({ reason: "manual" })
        expect([closed!.number, opened!.number]).toEqual([1, 2])
        expect(closed!.order_count).toBe(0)
      })

      it("with a number closes that batch once and answers a retry the same", async () => {
        await service.assignOrders([placed("order_1")])
        const open = (await service.retrieveOpenBatch())!

        const first = await service.rotate({ reason: "manual", number: open.number })
        const retry = await service.rotate({ reason: "manual", number: open.number })

        expect(first.rotated).toBe(true)
        expect(retry.rotated).toBe(false)
        expect(retry.closed!.id).toBe(first.closed!.id)
        expect(retry.opened!.id).toBe(first.opened!.id)
        expect(await service.listOrderBatches()).toHaveLength(2)
      })

      it("refuses a number that names no batch, naming the range", async () => {
        await service.rotate({ reason: "manual" })
        await expect(service.rotate({ reason: "manual", number: 9 })).rejects.toThrow(
          "Batch 9 does not exist; batches 1 to 2 exist."
        )
      })

      it("sweeps orders that have no batch into the closing batch, but no draft orders", async () => {
        const manager = MikroOrmWrapper.forkManager()
        await insertOrders(manager, [
          { id: "order_lost", currency_code: "eur" },
          { id: "order_draft", currency_code: "eur", is_draft_order: true },
        ])
        await service.assignOrders([placed("order_seen")])

        const { closed, swept_order_ids } = await service.rotate({ reason: "manual" })

        expect(swept_order_ids).toEqual(["order_lost"])
        expect(closed!.order_count).toBe(2)
        const [ids] = await service.listAndCountBatchOrderIds(closed!.id)
        expect(ids.sort()).toEqual(["order_lost", "order_seen"])

        // The swept order's total is read afterwards (fillBatchOrderTotalsWorkflow).
        const missing = await service.listOrderBatchOrders({ batch_id: closed!.id, total: null })
        expect(missing.map((a) => a.order_id)).toEqual(["order_lost"])
        await service.updateOrderBatchOrders([{ order_id: "order_lost", total: 12.5 }])
        expect(await service.listOrderBatchOrders({ batch_id: closed!.id, total: null })).toEqual([])
        expect((await service.retrieveBatchByNumber(1)).totals).toEqual([
          { currency_code: "eur", amount: 22.5 },
        ])
      })
    })

    describe("under concurrency", () => {
      it("keeps every invariant with 60 assignments and 8 rotations at once", async () => {
        const work: Promise<unknown>[] = []
        for (let i = 0; i < 60; i++) {
          work.push(service.assignOrders([placed(`order_${i}`)]))
          if (i % 8 === 0) {
            work.push(service.rotate({ reason: "manual" }))
          }
        }
        await Promise.all(work)

        const batches = await service.listOrderBatches({}, { order: { number: "ASC" } })
        const numbers = batches.map((b) => b.number)
        expect(numbers).toEqual(numbers.map((_, i) => i + 1))
        expect(batches.filter((b) => b.status === "open")).toEqual([batches.at(-1)])

        const assignments = await service.listOrderBatchOrders({})
        expect(assignments).toHaveLength(60)
        expect(new Set(assignments.map((a) => a.order_id)).size).toBe(60)
      })
    })
  },
})
