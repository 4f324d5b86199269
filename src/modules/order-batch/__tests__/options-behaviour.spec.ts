import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import OrderBatchModuleService from "../service"
import { moduleUnderTest, placed } from "./fixtures"
import { createOrderTable, insertOrders } from "./order-table"

jest.setTimeout(60_000)

// The module decides what the options mean; each suite runs it with other options.

moduleIntegrationTestRunner<OrderBatchModuleService>({
  ...moduleUnderTest,
  moduleOptions: { firstBatchNumber: 1000 },
  testSuite: ({ service, MikroOrmWrapper }) => {
    beforeEach(() => createOrderTable(MikroOrmWrapper.forkManager()))

    it("numbers the first batch from firstBatchNumber and counts on from it", async () => {
      await service.assignOrders([placed("order_1")])
      expect((await service.retrieveOpenBatch())!.number).toBe(1000)
      const { closed, opened } = await service.rotate({ reason: "manual" })
      expect([closed!.number, opened!.number]).toEqual([1000, 1001])
      await expect(service.retrieveBatchByNumber(3)).rejects.toThrow(
        "Batch 3 does not exist; batches 1000 to 1001 exist."
      )
    })
  },
})

moduleIntegrationTestRunner<OrderBatchModuleService>({
  ...moduleUnderTest,
  moduleOptions: { rotateEmptyBatch: false },
  testSuite: ({ service, MikroOrmWrapper }) => {
    beforeEach(() => createOrderTable(MikroOrmWrapper.forkManager()))

    it("rotateEmptyBatch: false keeps an empty batch open at a login; the admin keeps the newest closed", async () => {
      await service.assignOrders([placed("order_1")])
      const { closed } = await service.rotate({ reason: "login", user_id: "user_1" })

      const kept = await service.rotate({ reason: "login", user_id: "user_1" })

      expect(kept).toMatchObject({ rotated: false, closed: null })
      expect(kept.opened!.number).toBe(2)
      expect((await service.retrieveCurrentBatch("user_1"))!.id).toBe(closed!.id)
      // A manual close always closes, and an order swept at the login counts.
      expect((await service.rotate({ reason: "manual" })).rotated).toBe(true)
      await insertOrders(MikroOrmWrapper.forkManager(), [{ id: "order_lost", currency_code: "eur" }])
      const swept = await service.rotate({ reason: "login", user_id: "user_1" })
      expect(swept).toMatchObject({ rotated: true, swept_order_ids: ["order_lost"] })
    })
  },
})

moduleIntegrationTestRunner<OrderBatchModuleService>({
  ...moduleUnderTest,
  moduleOptions: { rotateOnLogin: false },
  testSuite: ({ service, MikroOrmWrapper }) => {
    beforeEach(() => createOrderTable(MikroOrmWrapper.forkManager()))

    it("rotateOnLogin: false closes nothing at a login and sweeps nothing", async () => {
      await service.assignOrders([placed("order_1")])
      await insertOrders(MikroOrmWrapper.forkManager(), [{ id: "order_lost", currency_code: "eur" }])

      const kept = await service.rotate({ reason: "login", user_id: "user_1" })

      expect(kept).toMatchObject({ rotated: false, closed: null, swept_order_ids: [] })
      expect(kept.opened!.order_count).toBe(1)
      expect(await service.retrieveCurrentBatch("user_1")).toBeNull()
      const { closed } = await service.rotate({ reason: "manual" })
      await service.rotate({ reason: "login", user_id: "user_1" })
      expect((await service.retrieveCurrentBatch("user_1"))!.id).toBe(closed!.id)
    })

    it("takes no rotation lock at a login: it answers while another transaction holds it", async () => {
      await service.assignOrders([placed("order_1")])
      const holder = MikroOrmWrapper.forkManager()
      await holder.transactional(async (em) => {
        await em.execute("SELECT pg_advisory_xact_lock(7302853621)")
        const kept = await service.rotate({ reason: "login", user_id: "user_1" })
        expect(kept.rotated).toBe(false)
      })
    })
  },
})
