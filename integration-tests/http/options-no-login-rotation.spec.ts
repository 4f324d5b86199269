import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { bearer, createAdmin, loginForToken, secretKey } from "../helpers/admin"
import { seedStore } from "../helpers/seed-store"

jest.setTimeout(120_000)

// Read by the repository's medusa-config.ts when the runner loads it.
const previous = process.env.ORDER_BATCH_OPTIONS
beforeAll(() => {
  process.env.ORDER_BATCH_OPTIONS = JSON.stringify({ rotateOnLogin: false })
})
afterAll(() => {
  process.env.ORDER_BATCH_OPTIONS = previous
})

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    it("does not rotate at login; the admin's current batch is the newest closed at that login", async () => {
      const store = await seedStore(getContainer())
      const admin = await createAdmin(api, getContainer())
      const key = secretKey(store.secretKey)

      const first = bearer(await loginForToken(api, admin))
      // A login that closes nothing creates no batch either.
      expect((await api.get("/admin/batches/open", key)).data.batch).toBeNull()
      expect((await api.get("/admin/batches/current", first)).data.batch).toBeNull()

      await api.post("/admin/batches/rotate", {}, key)
      const second = bearer(await loginForToken(api, admin))
      await api.post("/admin/batches/rotate", {}, key)

      // The second login saw batch 1 as the newest closed; a later manual
      // close does not move the set of orders the admin works on.
      expect((await api.get("/admin/batches/current", second)).data.batch.number).toBe(1)
      expect((await api.get("/admin/batches/open", key)).data.batch.number).toBe(3)
    })
  },
})
