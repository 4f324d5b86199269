import { adminOrderRoutesMiddlewares } from "@medusajs/medusa/api/admin/orders/middlewares"
import { adminPaymentRoutesMiddlewares } from "@medusajs/medusa/api/admin/payments/middlewares"
import { BATCH_ACTION_POLICIES, batchActionPolicyKeys } from "../policies"

type Route = { method?: string[]; matcher: string | RegExp; policies?: unknown[] }

/** The policies Medusa declares on a route of its own: the prefix's catch-all, then the route's. */
const medusaPolicies = (routes: Route[], catchAll: string, method: string, matcher: string) => [
  ...(routes.find((r) => r.matcher === catchAll && !r.method)?.policies ?? []),
  ...(routes.find((r) => r.matcher === matcher && r.method?.includes(method))?.policies ?? []),
]

describe("batch action policies", () => {
  it.each([
    ["fulfill", adminOrderRoutesMiddlewares, "/admin/orders/*", "/admin/orders/:id/fulfillments"],
    [
      "ship",
      adminOrderRoutesMiddlewares,
      "/admin/orders/*",
      "/admin/orders/:id/fulfillments/:fulfillment_id/shipments",
    ],
    ["capture", adminPaymentRoutesMiddlewares, "/admin/payments/*", "/admin/payments/:id/capture"],
  ] as const)("%s asks what Medusa's %s routes ask for one order", (action, routes, catchAll, matcher) => {
    const medusa = medusaPolicies(routes as unknown as Route[], catchAll, "POST", matcher)
    expect(medusa).toHaveLength(2)
    expect(BATCH_ACTION_POLICIES[action]).toEqual(medusa)
  })

  it("names every policy of an action, order update first", () => {
    expect(batchActionPolicyKeys("capture")).toEqual(["order:update", "payment:read", "capture:create"])
    expect(batchActionPolicyKeys("fulfill")).toEqual(["order:update", "order:read", "fulfillment:create"])
    expect(batchActionPolicyKeys("ship")).toEqual(["order:update", "order:read", "fulfillment:update"])
  })
})
