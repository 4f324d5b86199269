import { AxiosInstance } from "axios"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, FeatureFlag, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Admin, bearer, createAdmin, loginForToken } from "../helpers/admin"

jest.setTimeout(180_000)

// Medusa's RBAC feature flag, on before the test runner loads anything.
// MEDUSA_FF_RBAC alone is not enough in a test: the runner evaluates
// medusa-config.ts (whose defineConfig adds the RBAC module only where the
// `rbac` flag is already registered) before Medusa registers its own flags,
// so the app would enforce `policies` without the RBAC module, its tables or
// the user↔role link, and every token would carry no roles. Medusa's own
// HTTP tests add the RBAC module to their config for the same reason; here
// the flag is registered up front, so defineConfig, the migrations and the
// link sync all see it.
process.env.MEDUSA_FF_RBAC = "true"
FeatureFlag.setFlag("rbac", true)

type Answer = { status: number; data: { type?: string; message?: string } & Record<string, unknown> }

/** Every batch read and document; `:number` 1 is the batch the super admin's login closed. */
const READS = [
  "/admin/batches",
  "/admin/batches/current",
  "/admin/batches/open",
  "/admin/batches/1",
  "/admin/batches/1/orders",
  "/admin/batches/1/print",
  "/admin/batches/1/pick-list",
  "/admin/batches/1/pick-list?format=csv",
  "/admin/batches/1/export",
  "/admin/batches/1/actions",
]

const send = (api: AxiosInstance, method: "get" | "post", path: string, token: string, body: unknown = {}): Promise<Answer> =>
  (method === "get" ? api.get(path, bearer(token)) : api.post(path, body, bearer(token))).then(
    ({ status, data }) => ({ status, data }),
    (e) => {
      if (!e.response) {
        throw e
      }
      return { status: e.response.status, data: e.response.data }
    }
  )

const tokenRoles = (token: string): string[] =>
  JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8")).app_metadata?.roles ?? []

/**
 * The first administrator, given Medusa's seeded Super Admin role the way
 * `npx medusa user` gives it (through the user↔role link), then logged in so
 * that the token carries the role.
 */
async function superAdmin(api: AxiosInstance, container: MedusaContainer): Promise<{ admin: Admin; token: string }> {
  const admin = await createAdmin(api, container, "super@example.com")
  await container.resolve(ContainerRegistrationKeys.LINK).create({
    [Modules.USER]: { user_id: admin.id },
    [Modules.RBAC]: { rbac_role_id: "role_super_admin" },
  })
  return { admin, token: await loginForToken(api, admin) }
}

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    afterAll(() => {
      delete process.env.MEDUSA_FF_RBAC
      FeatureFlag.setFlag("rbac", false)
    })

    it("reads batches only with order read, and closes one or runs an action only with order update", async () => {
      const container = getContainer()
      const root = await superAdmin(api, container)
      expect(tokenRoles(root.token)).toEqual(["role_super_admin"])

      // Roles made as an administrator makes them, from Medusa's registered policies.
      const policyId = async (key: string): Promise<string> => {
        const { data } = await api.get(`/admin/rbac/policies?key=${key}`, bearer(root.token))
        expect(data.policies).toHaveLength(1)
        return data.policies[0].id
      }
      const userWithRole = async (email: string, name: string, keys: string[]): Promise<string> => {
        const policyIds = await Promise.all(keys.map(policyId))
        const {
          data: { role },
        } = await api.post("/admin/rbac/roles", { name, policy_ids: policyIds }, bearer(root.token))
        const admin = await createAdmin(api, container, email)
        await api.post(`/admin/users/${admin.id}/roles`, { roles: [role.id] }, bearer(root.token))
        const token = await loginForToken(api, admin)
        expect(tokenRoles(token)).toEqual([role.id])
        return token
      }
      const orderReader = await userWithRole("reader@example.com", "Order reader", ["order:read"])
      const catalogue = await userWithRole("catalogue@example.com", "Catalogue only", ["product:read", "product:update"])

      // Medusa's own order routes draw the same lines.
      expect((await send(api, "get", "/admin/orders", root.token)).status).toBe(200)
      expect((await send(api, "get", "/admin/orders", orderReader)).status).toBe(200)
      expect((await send(api, "get", "/admin/orders", catalogue)).status).toBe(403)
      expect((await send(api, "get", "/admin/products", catalogue)).status).toBe(200)

      // Reads and documents: the super admin and order read, never a role without it.
      for (const path of READS) {
        expect([path, (await send(api, "get", path, root.token)).status]).toEqual([path, 200])
        expect([path, (await send(api, "get", path, orderReader)).status]).toEqual([path, 200])
        const refused = await send(api, "get", path, catalogue)
        expect([path, refused.status, refused.data]).toEqual([
          path,
          403,
          { type: "forbidden", message: expect.stringContaining("order:read") },
        ])
      }
      // A route nobody declared one by one still needs order read (the catch-all entry).
      expect((await send(api, "get", "/admin/batches/1/actions/obrun_none", catalogue)).status).toBe(403)
      expect((await send(api, "get", "/admin/batches/1/actions/obrun_none", orderReader)).status).toBe(404)

      // Closing and batch actions need order update: refused to both roles, nothing closed, no run.
      const open = (await send(api, "get", "/admin/batches/open", root.token)).data.batch as { number: number }
      for (const token of [orderReader, catalogue]) {
        const close = await send(api, "post", "/admin/batches/rotate", token)
        expect(close.status).toBe(403)
        expect(close.data.message).toEqual(expect.stringContaining("order:"))
        const closeN = await send(api, "post", "/admin/batches/rotate", token, { number: open.number })
        expect(closeN.status).toBe(403)
        const action = await send(api, "post", "/admin/batches/1/actions", token, { action: "capture" })
        expect(action.status).toBe(403)
        expect(action.data.message).toEqual(expect.stringContaining("order:"))
      }
      expect(((await send(api, "get", "/admin/batches/open", root.token)).data.batch as { number: number }).number).toBe(
        open.number
      )
      expect((await send(api, "get", "/admin/batches/1/actions", root.token)).data.runs).toEqual([])

      // The super admin may do both.
      const closed = await send(api, "post", "/admin/batches/rotate", root.token)
      expect(closed.status).toBe(200)
      expect(closed.data).toMatchObject({ closed: { number: open.number }, opened: { number: open.number + 1 } })
      const action = await send(api, "post", "/admin/batches/1/actions", root.token, { action: "capture" })
      expect(action.status).toBe(202)
      expect(action.data.run).toMatchObject({ batch_number: 1, action: "capture" })
    })
  },
})
