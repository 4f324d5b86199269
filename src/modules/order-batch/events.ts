/** Events that the plugin's workflows emit, with `{ id, number }` of the batch. */
export const OrderBatchEvents = {
  /** A batch closed; its orders are fixed from now on. */
  CLOSED: "order_batch.closed",
  /** A new open batch receives orders. */
  OPENED: "order_batch.opened",
  /** An order was put into a batch; the data adds `order_id`. */
  ORDER_ASSIGNED: "order_batch.order_assigned",
} as const

export type OrderBatchEventData = { id: string; number: number }
export type OrderAssignedEventData = OrderBatchEventData & { order_id: string }
