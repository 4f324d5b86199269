import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdmin, loginForToken } from "../helpers/admin"
import { send, tokenRoles } from "../helpers/rbac"

jest.setTimeout(120_000)

// Without Medusa's RBAC flag (its default) no policy is checked: an
// administrator without any role may start every action.
medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    it("offers every batch action to any administrator, naming what each would need with RBAC on", async () => {
      const admin = await createAdmin(api, getContainer())
      const token = await loginForToken(api, admin)
      expect(tokenRoles(token)).toEqual([])

      expect(await send(api, "get", "/admin/batches/allowed-actions", token)).toEqual({
        status: 200,
        data: {
          actions: [
            { action: "fulfill", allowed: true, policies: ["order:update", "order:read", "fulfillment:create"] },
            { action: "ship", allowed: true, policies: ["order:update", "order:read", "fulfillment:update"] },
            { action: "capture", allowed: true, policies: ["order:update", "payment:read", "capture:create"] },
          ],
        },
      })
      expect((await api.get("/admin/batches/allowed-actions").catch((e) => e.response)).status).toBe(401)

      // The check behind the answer lets the start through: batch 1 (closed at the login, empty) runs at once.
      const started = await send(api, "post", "/admin/batches/1/actions", token, { action: "capture" })
      expect([started.status, started.data.run?.action]).toEqual([202, "capture"])
      const deadline = Date.now() + 30_000
      let run = started.data.run
      while (run.status === "running" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        run = (await send(api, "get", `/admin/batches/1/actions/${run.id}`, token)).data.run
      }
      expect(run).toMatchObject({ status: "completed", total: 0 })
    })
  },
})
