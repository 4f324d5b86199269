import { Entities } from "@medusajs/medusa/api/admin/orders/query-config"

/** Fields of a batch's orders unless the caller asks for others with `fields`. */
export const defaultAdminBatchOrderFields = [
  "id",
  "display_id",
  "status",
  "created_at",
  "email",
  "currency_code",
  "total",
  "payment_status",
  "fulfillment_status",
  "customer.id",
  "customer.first_name",
  "customer.last_name",
  "customer.email",
  "shipping_address.first_name",
  "shipping_address.last_name",
  "items.id",
  "items.quantity",
]

// The default limits live in the validators (createFindParams), which
// always give a limit; the configs only say what to read and that it is a list.
export const listBatchesQueryConfig = {
  isList: true,
}

// A batch's orders are orders: naming the entity as Medusa's own order list
// does lets its field filter (RBAC with MEDUSA_FF_RBAC_FILTER_FIELDS) drop
// what the caller's roles may not read, such as `customer` without
// customer read, from `fields` and from these defaults alike.
export const listBatchOrdersQueryConfig = {
  defaults: defaultAdminBatchOrderFields,
  isList: true,
  entity: Entities.order,
}
