export * from "./batches"
