import { CreateNotificationDTO, INotificationModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const sendBatchNotificationsStepId = "send-order-batch-notifications"

export type SendBatchNotificationsResult = {
  sent: { channel: string; to: string; id: string }[]
  failed: { channel: string; to: string; message: string }[]
}

/**
 * Sends each notification on its own, so that a channel without a provider
 * (a store with no email provider) or a failing provider costs only its own
 * notification: the failure is logged, and recorded by the Notification
 * module with status `failure`, never thrown at the close. A notification
 * sent cannot be unsent; nothing to undo.
 */
export const sendBatchNotificationsStep = createStep(
  sendBatchNotificationsStepId,
  async (notifications: CreateNotificationDTO[], { container }) => {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const result: SendBatchNotificationsResult = { sent: [], failed: [] }
    let module: INotificationModuleService
    try {
      module = container.resolve(Modules.NOTIFICATION)
    } catch {
      logger.warn("medusa-order-batches: the store has no Notification module; no close notification sent")
      return new StepResponse({
        sent: [],
        failed: notifications.map(({ channel, to }) => ({ channel, to, message: "no Notification module" })),
      })
    }
    for (const notification of notifications) {
      const { channel, to } = notification
      try {
        const created = await module.createNotifications(notification)
        result.sent.push({ channel, to, id: created.id })
      } catch (error) {
        const message = (error as Error).message
        result.failed.push({ channel, to, message })
        logger.warn(
          `medusa-order-batches: the ${channel} notification of a batch close${to ? ` to ${to}` : ""} was not sent: ${message}`
        )
      }
    }
    return new StepResponse(result)
  }
)
