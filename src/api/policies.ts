import { hasPermission } from "@medusajs/framework"
import { MedusaContainer } from "@medusajs/framework/types"
import { FeatureFlag, PolicyOperation } from "@medusajs/framework/utils"
import { Entities as OrderEntities } from "@medusajs/medusa/api/admin/orders/query-config"
import { Entities as PaymentEntities } from "@medusajs/medusa/api/admin/payments/query-config"
import type { BatchActionName } from "../modules/order-batch/types"

/** A Medusa policy as routes declare it: `resource:operation`. */
export type BatchPolicy = { resource: string; operation: string }

// A batch is a set of orders: reading one needs the role's `order` read, and
// closing a batch or running an action over its orders needs `order` update,
// as Medusa's own /admin/orders routes ask.
export const readOrders: BatchPolicy[] = [
  { resource: OrderEntities.order, operation: PolicyOperation.read },
]
export const updateOrders: BatchPolicy[] = [
  { resource: OrderEntities.order, operation: PolicyOperation.update },
]

/**
 * What Medusa asks for each action's operation on one order, besides order
 * update, in the order its router checks them: the catch-all of the route's
 * prefix, then the route's own policy (node_modules/@medusajs/medusa/dist/api/admin/
 * payments/middlewares.js and orders/middlewares.js).
 */
export const BATCH_ACTION_POLICIES: Record<BatchActionName, BatchPolicy[]> = {
  // POST /admin/orders/:id/fulfillments, under /admin/orders/*.
  fulfill: [
    { resource: OrderEntities.order, operation: PolicyOperation.read },
    { resource: OrderEntities.fulfillment, operation: PolicyOperation.create },
  ],
  // POST /admin/orders/:id/fulfillments/:fulfillment_id/shipments, under /admin/orders/*.
  ship: [
    { resource: OrderEntities.order, operation: PolicyOperation.read },
    { resource: OrderEntities.fulfillment, operation: PolicyOperation.update },
  ],
  // POST /admin/payments/:id/capture, under /admin/payments/*.
  capture: [
    { resource: PaymentEntities.payment, operation: PolicyOperation.read },
    { resource: PaymentEntities.capture, operation: PolicyOperation.create },
  ],
}

/** Every policy that an action needs: order update, then Medusa's for one order. */
export const batchActionPolicies = (action: BatchActionName): BatchPolicy[] => [
  ...updateOrders,
  ...BATCH_ACTION_POLICIES[action],
]

/** The same, as `resource:operation` keys. */
export const batchActionPolicyKeys = (action: BatchActionName): string[] =>
  batchActionPolicies(action).map(({ resource, operation }) => `${resource}:${operation}`)

/**
 * Whether the roles of a token grant every policy, decided as Medusa's own
 * policy check decides (`wrapWithPoliciesCheck`): without the RBAC flag
 * policies are not checked, and with it a token without roles is refused.
 */
export async function rolesAllow(
  scope: MedusaContainer,
  roles: string[],
  policies: BatchPolicy[]
): Promise<boolean> {
  if (!FeatureFlag.isFeatureEnabled("rbac")) {
    return true
  }
  if (!roles.length) {
    return false
  }
  return await hasPermission({ roles, actions: policies, container: scope })
}

/** The roles that Medusa put in a token's `app_metadata` when it signed it. */
export const rolesOf = (appMetadata: unknown): string[] => {
  const roles = (appMetadata as { roles?: unknown } | null | undefined)?.roles
  return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === "string") : []
}
