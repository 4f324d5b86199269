export { Batch } from "./batch"
export { BatchOrder } from "./batch-order"
export { UserBatch } from "./user-batch"
