import { Button, Prompt, toast } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { useOpenBatch, useRotateBatch } from "../hooks/api/batches"

/**
 * "Close batch now" behind a confirmation. It sends the number of the batch
 * the administrator saw open, so a double click or a retry closes one batch.
 */
export const CloseBatchPrompt = () => {
  const { t } = useTranslation()
  const { batch: openBatch, refetch } = useOpenBatch()
  const { mutate, isPending } = useRotateBatch({
    onSuccess: ({ closed, opened }) => {
      toast.success(
        t("orderBatches.toasts.closed", {
          closed: closed?.number ?? openBatch?.number,
          opened: opened.number,
        })
      )
    },
    onError: (error) => {
      toast.error(error.message)
    },
  })

  return (
    // Orders keep arriving: the count in the question is read when it opens.
    <Prompt onOpenChange={(open) => open && refetch()}>
      <Prompt.Trigger asChild>
        <Button
          size="small"
          variant="secondary"
          disabled={!openBatch}
          isLoading={isPending}
        >
          {t("orderBatches.actions.closeNow")}
        </Button>
      </Prompt.Trigger>
      {openBatch && (
        <Prompt.Content>
          <Prompt.Header>
            <Prompt.Title>
              {t("orderBatches.closePrompt.title", { number: openBatch.number })}
            </Prompt.Title>
            <Prompt.Description>
              {t("orderBatches.closePrompt.description", {
                number: openBatch.number,
                count: openBatch.order_count,
                next: openBatch.number + 1,
              })}
            </Prompt.Description>
          </Prompt.Header>
          <Prompt.Footer>
            <Prompt.Cancel>{t("orderBatches.closePrompt.cancel")}</Prompt.Cancel>
            <Prompt.Action onClick={() => mutate({ number: openBatch.number })}>
              {t("orderBatches.closePrompt.confirm")}
            </Prompt.Action>
          </Prompt.Footer>
        </Prompt.Content>
      )}
    </Prompt>
  )
}
