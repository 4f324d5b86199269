export * from "./common"
export * from "./service"
export * from "./batch-action"
