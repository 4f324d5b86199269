export * from "./batches"
export * from "./batch-actions"
