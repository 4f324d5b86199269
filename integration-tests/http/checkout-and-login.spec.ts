import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdmin, loginForSession, loginForToken, bearer, session } from "../helpers/admin"
import { checkout } from "../helpers/checkout"
import { seedStore } from "../helpers/seed-store"
import { waitForAssignments } from "../helpers/wait"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    it("puts a checkout into the open batch and rotates it at the admin's login", async () => {
      const container = getContainer()
      const store = await seedStore(container)
      const admin = await createAdmin(api, container)

      const order = await checkout(api, store)
      await waitForAssignments(container, [order.id])

      const token = await loginForToken(api, admin)
      const { data } = await api.get("/admin/batches/current", bearer(token))

      expect(data.batch).toMatchObject({ number: 1, status: "closed", order_count: 1, close_reason: "login", closed_by: admin.id })
      const cookie = await loginForSession(api, admin)
      const again = await api.get("/admin/batches/current", session(cookie))
      expect(again.data.batch.number).toBe(2)
    })
  },
})
