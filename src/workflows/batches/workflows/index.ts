export * from "./assign-orders-to-batch"
export * from "./rotate-batch"
