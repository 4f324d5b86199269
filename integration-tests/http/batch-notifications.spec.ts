import { INotificationModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { formatMoney } from "../../src/lib/documents/format"
import { sendBatchClosedNotificationsWorkflow } from "../../src/workflows"
import { Admin, bearer, createAdmin, loginForToken, secretKey } from "../helpers/admin"
import { checkout } from "../helpers/checkout"
import { SeededStore, seedStore } from "../helpers/seed-store"
import { waitForAssignments } from "../helpers/wait"

jest.setTimeout(180_000)

// Read by the repository's medusa-config.ts when the runner loads it: the
// local provider takes the feed and the email channel, and every close
// sends a summary to two addresses.
const previous = {
  options: process.env.ORDER_BATCH_OPTIONS,
  channels: process.env.NOTIFICATION_LOCAL_CHANNELS,
}
beforeAll(() => {
  process.env.ORDER_BATCH_OPTIONS = JSON.stringify({
    closeSummaryEmail: ["ops@example.com", "warehouse@example.com"],
  })
  process.env.NOTIFICATION_LOCAL_CHANNELS = "feed,email"
})
afterAll(() => {
  process.env.ORDER_BATCH_OPTIONS = previous.options
  process.env.NOTIFICATION_LOCAL_CHANNELS = previous.channels
})

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: Admin

    beforeEach(async () => {
      store = await seedStore(getContainer())
      admin = await createAdmin(api, getContainer())
    })

    /** The notifications about one batch, once `count` of them are there and sent. */
    const notificationsOf = async (batchId: string, count: number) => {
      const notifications: INotificationModuleService = getContainer().resolve(Modules.NOTIFICATION)
      const deadline = Date.now() + 30_000
      for (;;) {
        const found = await notifications.listNotifications(
          { resource_id: batchId },
          { order: { channel: "DESC", to: "ASC" } }
        )
        const sent = found.length >= count && found.every((n) => n.status !== "pending")
        if (sent || Date.now() > deadline) {
          return found
        }
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }

    it("announces every close in the dashboard's feed and emails a summary to closeSummaryEmail, once per close", async () => {
      const orders = [await checkout(api, store), await checkout(api, store)]
      await waitForAssignments(getContainer(), orders.map((o) => o.id))
      const auth = bearer(await loginForToken(api, admin))
      const batch1 = (await api.get("/admin/batches/1", auth)).data.batch
      expect(batch1).toMatchObject({ status: "closed", order_count: 2, totals_pending: false })
      const total = formatMoney(batch1.totals[0].amount, batch1.totals[0].currency_code)

      const title = `Batch 1 closed at Ada Admin's login: 2 orders, ${total}`
      const sent = await notificationsOf(batch1.id, 3)
      expect(sent).toEqual([
        expect.objectContaining({
          channel: "feed",
          template: "admin-ui",
          to: "",
          status: "success",
          resource_type: "order_batch",
          data: {
            title,
            description: expect.stringContaining("/app/batches/1."),
            url: "/app/batches/1",
          },
        }),
        ...["ops@example.com", "warehouse@example.com"].map((to) =>
          expect.objectContaining({
            channel: "email",
            template: "order-batch-closed",
            to,
            status: "success",
            data: expect.objectContaining({
              subject: title,
              url: "/app/batches/1",
              closed_by_name: "Ada Admin",
              batch: expect.objectContaining({
                id: batch1.id,
                number: 1,
                close_reason: "login",
                order_count: 2,
                canceled_count: 0,
                totals: batch1.totals,
              }),
            }),
          })
        ),
      ])

      // What the dashboard's notification panel reads.
      const { data: feed } = await api.get("/admin/notifications?fields=id,data,channel", auth)
      expect(feed.notifications).toContainEqual(
        expect.objectContaining({ channel: "feed", data: expect.objectContaining({ title }) })
      )

      // A close by an integration (a secret API key), of an empty batch.
      const { data: rotated } = await api.post("/admin/batches/rotate", {}, secretKey(store.secretKey))
      const [feed2] = await notificationsOf(rotated.closed.id, 3)
      expect(feed2.data).toMatchObject({
        title: "Batch 2 closed by a request to the admin API: no orders",
        url: "/app/batches/2",
      })

      // A redelivered order_batch.closed sends nothing twice.
      await sendBatchClosedNotificationsWorkflow(getContainer()).run({ input: { number: 1 } })
      expect(await notificationsOf(batch1.id, 4)).toHaveLength(3)
    })
  },
})
