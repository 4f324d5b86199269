export { OrderBatch } from "./order-batch"
export { OrderBatchOrder } from "./order-batch-order"
export { OrderBatchUser } from "./order-batch-user"
export { OrderBatchPendingOrder } from "./order-batch-pending-order"
