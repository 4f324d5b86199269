import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { Modules, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { createOrderWorkflow } from "@medusajs/medusa/core-flows"
import { ORDER_BATCH_MODULE } from "../../src/modules/order-batch"
import type OrderBatchModuleService from "../../src/modules/order-batch/service"
import { Admin, bearer, createAdmin, loginForToken } from "../helpers/admin"
import { checkout } from "../helpers/checkout"
import { recordEvents } from "../helpers/events"
import { SeededStore, seedStore } from "../helpers/seed-store"
import { waitForAssignments } from "../helpers/wait"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: Admin
    let auth: { headers: Record<string, string> }

    beforeEach(async () => {
      const container = getContainer()
      store = await seedStore(container)
      admin = await createAdmin(api, container)
      // A token made by the test itself, so that no login rotates here.
      auth = bearer(await loginForToken(api, admin))
    })

    const batchOf = async (orderId: string) => {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=id,*batch`, auth)
      return data.order.batch
    }

    it("puts a real checkout into the open batch and emits order_batch.order_assigned", async () => {
      const events = recordEvents(getContainer(), ["order_batch.order_assigned"])
      const open = (await api.get("/admin/batches/open", auth)).data.batch

      const order = await checkout(api, store, {
        items: [{ variant_id: store.variants[1].id, quantity: 2 }],
      })
      await waitForAssignments(getContainer(), [order.id])

      const batch = await batchOf(order.id)
      expect(batch).toMatchObject({ id: open.id, number: open.number, status: "open" })
      const { data } = await api.get("/admin/batches/open", auth)
      expect(data.batch.order_count).toBe(1)
      // Two mugs at 12 and shipping at 5.
      expect(data.batch.totals).toEqual([{ currency_code: "eur", amount: 29 }])
      expect(events).toEqual([
        {
          name: "order_batch.order_assigned",
          data: { id: open.id, number: open.number, order_id: order.id },
        },
      ])
    })

    it("puts a converted draft order into the open batch", async () => {
      const {
        data: { draft_order },
      } = await api.post(
        "/admin/draft-orders",
        {
          email: "phone-order@example.com",
          region_id: store.regionId,
          sales_channel_id: store.salesChannelId,
          items: [{ variant_id: store.variants[0].id, quantity: 1 }],
          shipping_address: { first_name: "Grace", last_name: "Hopper", address_1: "2 Navy Rd", city: "Paris", country_code: "fr", postal_code: "75001" },
        },
        auth
      )
      await api.post(`/admin/draft-orders/${draft_order.id}/convert-to-order`, {}, auth)
      await waitForAssignments(getContainer(), [draft_order.id])

      expect(await batchOf(draft_order.id)).toMatchObject({ status: "open" })
    })

    it("sweeps an order that raised no order.placed into the batch that closes", async () => {
      const container = getContainer()
      const { result: order } = await createOrderWorkflow(container).run({
        input: {
          region_id: store.regionId,
          sales_channel_id: store.salesChannelId,
          email: "imported@example.com",
          items: [{ variant_id: store.variants[2].id, quantity: 1, title: "Linen Apron", unit_price: 35 }],
        },
      })
      expect(await batchOf(order.id)).toBeFalsy()

      const totalsFilled = TestEventUtils.waitSubscribersExecution(
        "order_batch.closed",
        container.resolve(Modules.EVENT_BUS)
      )
      const { data } = await api.post("/admin/batches/rotate", {}, auth)

      expect(data.closed.order_count).toBe(1)
      expect(await batchOf(order.id)).toMatchObject({ id: data.closed.id, status: "closed" })
      // The total is read through Query once the close has answered: 35, no shipping.
      await totalsFilled
      const closed = (await api.get(`/admin/batches/${data.closed.number}`, auth)).data.batch
      expect(closed.totals).toEqual([{ currency_code: "eur", amount: 35 }])
    })

    it("keeps an order where it is when order.placed is delivered again", async () => {
      const container = getContainer()
      const order = await checkout(api, store)
      await waitForAssignments(container, [order.id])
      const first = await batchOf(order.id)
      await api.post("/admin/batches/rotate", {}, auth)

      const events = recordEvents(container, ["order_batch.order_assigned"])
      const eventBus = container.resolve(Modules.EVENT_BUS)
      const redelivered = TestEventUtils.waitSubscribersExecution(
        OrderWorkflowEvents.PLACED,
        eventBus
      )
      await eventBus.emit({ name: OrderWorkflowEvents.PLACED, data: { id: order.id } })
      await redelivered

      const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
      expect(await batchOf(order.id)).toMatchObject({ id: first.id, number: first.number })
      expect(await service.listOrderBatchOrders({ order_id: order.id })).toHaveLength(1)
      expect(events).toEqual([])
    })
  },
})
