import { AxiosInstance } from "axios"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, FeatureFlag, Modules } from "@medusajs/framework/utils"
import { Admin, bearer, createAdmin, loginForToken } from "./admin"

/**
 * Turns Medusa's RBAC feature flags on before the test runner loads anything
 * (call it at the top of a spec file), and off again after the file.
 *
 * MEDUSA_FF_RBAC alone is not enough in a test: the runner evaluates
 * medusa-config.ts (whose defineConfig adds the RBAC module only where the
 * `rbac` flag is already registered) before Medusa registers its own flags,
 * so the app would enforce `policies` without the RBAC module, its tables or
 * the user↔role link, and every token would carry no roles. Medusa's own
 * HTTP tests add the RBAC module to their config for the same reason; here
 * the flag is registered up front, so defineConfig, the migrations and the
 * link sync all see it. `rbac_filter_fields` is Medusa's field filter: with
 * it, `fields=` drops what the caller's roles may not read.
 */
export function useRbacFlags(flags = ["rbac", "rbac_filter_fields"]) {
  for (const flag of flags) {
    process.env[`MEDUSA_FF_${flag.toUpperCase()}`] = "true"
    FeatureFlag.setFlag(flag, true)
  }
  afterAll(() => {
    for (const flag of flags) {
      delete process.env[`MEDUSA_FF_${flag.toUpperCase()}`]
      FeatureFlag.setFlag(flag, false)
    }
  })
}

export type Answer = { status: number; data: { type?: string; message?: string } & Record<string, any> }

/** A request whose answer is returned whatever its status. */
export const send = (
  api: AxiosInstance,
  method: "get" | "post",
  path: string,
  token: string,
  body: unknown = {}
): Promise<Answer> =>
  (method === "get" ? api.get(path, bearer(token)) : api.post(path, body, bearer(token))).then(
    ({ status, data }) => ({ status, data }),
    (e) => {
      if (!e.response) {
        throw e
      }
      return { status: e.response.status, data: e.response.data }
    }
  )

export const tokenRoles = (token: string): string[] =>
  JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8")).app_metadata?.roles ?? []

/**
 * The first administrator, given Medusa's seeded Super Admin role the way
 * `npx medusa user` gives it (through the user↔role link), then logged in so
 * that the token carries the role.
 */
export async function superAdmin(api: AxiosInstance, container: MedusaContainer): Promise<{ admin: Admin; token: string }> {
  const admin = await createAdmin(api, container, "super@example.com")
  await container.resolve(ContainerRegistrationKeys.LINK).create({
    [Modules.USER]: { user_id: admin.id },
    [Modules.RBAC]: { rbac_role_id: "role_super_admin" },
  })
  const token = await loginForToken(api, admin)
  expect(tokenRoles(token)).toEqual(["role_super_admin"])
  return { admin, token }
}

/**
 * Roles made as an administrator makes them: from Medusa's registered
 * policies, and where Medusa registers none for a key (it has none for
 * `capture`, which its own capture route asks for), from a policy the
 * administrator adds through `POST /admin/rbac/policies`.
 */
export function roles(api: AxiosInstance, container: MedusaContainer, rootToken: string) {
  const policyId = async (key: string): Promise<string> => {
    const { data } = await api.get(`/admin/rbac/policies?key=${key}`, bearer(rootToken))
    if (data.policies.length) {
      expect(data.policies).toHaveLength(1)
      return data.policies[0].id
    }
    const [resource, operation] = key.split(":")
    const created = await api.post("/admin/rbac/policies", { key, resource, operation, name: key }, bearer(rootToken))
    return created.data.policy.id
  }

  /** A new administrator with a new role of these policies, and the token of its login. */
  return async (email: string, name: string, keys: string[]): Promise<{ admin: Admin; token: string }> => {
    const policyIds = await Promise.all(keys.map(policyId))
    const {
      data: { role },
    } = await api.post("/admin/rbac/roles", { name, policy_ids: policyIds }, bearer(rootToken))
    const admin = await createAdmin(api, container, email)
    await api.post(`/admin/users/${admin.id}/roles`, { roles: [role.id] }, bearer(rootToken))
    const token = await loginForToken(api, admin)
    expect(tokenRoles(token)).toEqual([role.id])
    return { admin, token }
  }
}
