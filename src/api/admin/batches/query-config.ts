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

export const listBatchOrdersQueryConfig = {
  defaults: defaultAdminBatchOrderFields,
  isList: true,
}
