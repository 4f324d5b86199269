import { CreateNotificationDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { describeBatchClose } from "../../../lib/batch-close-summary"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"

export const buildBatchClosedNotificationsStepId = "build-order-batch-closed-notifications"

/** The email template a store's email provider renders for a close summary. */
export const BATCH_CLOSED_EMAIL_TEMPLATE = "order-batch-closed"

export type BuildBatchClosedNotificationsInput = { number: number }

/** Who closed the batch, as people know them: a user's name, else their email. */
async function actorName(container: { resolve: (key: string) => unknown }, actorId: string | null) {
  if (!actorId?.startsWith("user_")) {
    return null
  }
  const users = container.resolve(Modules.USER) as {
    listUsers: (filters: object, config: object) => Promise<{ first_name: string | null; last_name: string | null; email: string }[]>
  }
  const [user] = await users.listUsers({ id: actorId }, { take: 1 })
  return user ? [user.first_name, user.last_name].filter(Boolean).join(" ") || user.email : null
}

/**
 * The notifications of one close: one for the dashboard's feed and one
 * email per `closeSummaryEmail` address. Each has an idempotency key of the
 * batch and channel, so a redelivered `order_batch.closed` sends nothing twice.
 * Reads only; nothing to undo.
 */
export const buildBatchClosedNotificationsStep = createStep(
  buildBatchClosedNotificationsStepId,
  async ({ number }: BuildBatchClosedNotificationsInput, { container }) => {
    const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
    const batch = await service.retrieveBatchByNumber(number)
    const { closeSummaryEmail } = await service.getOptions()
    const { admin } = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
    const summary = describeBatchClose(batch, {
      actorName: await actorName(container, batch.closed_by),
      adminPath: admin?.path ?? "/app",
      backendUrl: admin?.backendUrl,
    })
    const key = `order-batch-closed:${batch.id}`
    const notifications: CreateNotificationDTO[] = [
      {
        to: "",
        channel: "feed",
        template: "admin-ui",
        idempotency_key: `${key}:feed`,
        resource_id: batch.id,
        resource_type: "order_batch",
        data: { title: summary.title, description: summary.description, url: summary.path },
      },
      ...closeSummaryEmail.map((to) => ({
        to,
        channel: "email",
        template: BATCH_CLOSED_EMAIL_TEMPLATE,
        idempotency_key: `${key}:email:${to}`,
        resource_id: batch.id,
        resource_type: "order_batch",
        data: {
          subject: summary.title,
          title: summary.title,
          description: summary.description,
          url: summary.url,
          batch,
          closed_by_name: summary.actorName,
        },
      })),
    ]
    return new StepResponse(notifications)
  }
)
