export * from "./build-batch-closed-notifications"
export * from "./send-batch-notifications"
