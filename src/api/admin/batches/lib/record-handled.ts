import { MedusaRequest } from "@medusajs/framework/http"
import { markBatchHandledWorkflow } from "../../../../workflows"
import { BatchHandledKind } from "../../../../workflows/batches/steps"

/**
 * A document's chunks, then the record that the batch was printed or
 * exported: written once the whole document is out and before the
 * response ends, so a document that failed half-way is not recorded.
 */
export async function* thenRecordHandled(
  req: MedusaRequest & { auth_context: { actor_id: string } },
  batchId: string,
  kind: BatchHandledKind,
  chunks: AsyncIterable<unknown>
): AsyncGenerator<unknown> {
  yield* chunks
  await markBatchHandledWorkflow(req.scope).run({
    input: { batch_id: batchId, kind, actor_id: req.auth_context.actor_id },
  })
}
