import { Button, Prompt, toast } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { BatchActionName } from "../../modules/order-batch/types"
import { useStartBatchAction } from "../hooks/api/batch-actions"
import { AdminBatch } from "../lib/types"

/**
 * One batch action's button behind a confirmation that says how many orders
 * it will go through (the batch's orders that are not canceled).
 */
export const BatchActionsPrompt = ({
  batch,
  action,
  running,
}: {
  batch: AdminBatch
  action: BatchActionName
  running: boolean
}) => {
  const { t } = useTranslation()
  const count = batch.order_count - batch.canceled_count
  const { mutate, isPending } = useStartBatchAction(batch.number, {
    onSuccess: () => {
      toast.success(t(`orderBatches.batchActions.started.${action}`, { number: batch.number }))
    },
    onError: (error) => {
      toast.error(error.message)
    },
  })

  return (
    <Prompt>
      <Prompt.Trigger asChild>
        <Button
          size="small"
          variant="secondary"
          disabled={running || !count}
          isLoading={isPending}
          data-testid={`batch-action-${action}`}
        >
          {t(`orderBatches.batchActions.buttons.${action}`)}
        </Button>
      </Prompt.Trigger>
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>
            {t(`orderBatches.batchActions.prompt.title.${action}`, { number: batch.number })}
          </Prompt.Title>
          <Prompt.Description>
            {t(`orderBatches.batchActions.prompt.description.${action}`, { count, number: batch.number })}
          </Prompt.Description>
        </Prompt.Header>
        <Prompt.Footer>
          <Prompt.Cancel>{t("orderBatches.batchActions.prompt.cancel")}</Prompt.Cancel>
          <Prompt.Action onClick={() => mutate({ action })}>
            {t(`orderBatches.batchActions.buttons.${action}`)}
          </Prompt.Action>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}
