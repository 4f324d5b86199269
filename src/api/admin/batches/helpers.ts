import { Readable, Transform } from "node:stream"
import { pipeline } from "node:stream/promises"
import {
  AuthenticatedMedusaRequest,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"
import type { BatchDTO } from "../../../modules/order-batch/types"
import {
  markBatchHandledWorkflow,
  MarkBatchHandledWorkflowInput,
} from "../../../workflows"
import { parseBatchNumberParam } from "./validators"

/**
 * The batch that a `/admin/batches/:number/...` route names: a malformed
 * number is a 400, a missing batch a 404 naming the range that exists.
 */
export async function retrieveRequestedBatch(req: MedusaRequest): Promise<BatchDTO> {
  const service: OrderBatchModuleService = req.scope.resolve(ORDER_BATCH_MODULE)
  return await service.retrieveBatchByNumber(parseBatchNumberParam(req.params.number))
}

/**
 * Records that the caller printed or exported the batch. The document routes
 * call it once the first page of orders is read, before any byte goes out,
 * so the dashboard shows the record as soon as the administrator comes back
 * to it, and a document that could not even start is not recorded.
 */
export const recordHandled =
  (
    req: AuthenticatedMedusaRequest,
    batch: BatchDTO,
    kind: MarkBatchHandledWorkflowInput["kind"]
  ) =>
  async () => {
    await markBatchHandledWorkflow(req.scope).run({
      input: { batch_id: batch.id, kind, actor_id: req.auth_context.actor_id },
    })
  }

type StreamedDocument = {
  headers: Record<string, string>
  chunks: AsyncIterable<unknown> | Iterable<unknown>
  /** A transform between the chunks and the response, such as a CSV writer. */
  through?: Transform
  /** Runs once the first chunk is read, before the headers are sent. */
  onStart?: () => Promise<void>
}

/**
 * Streams a document to the response with backpressure: chunks are pulled
 * only as fast as the client reads them.
 *
 * The first chunk (and `onStart`) is awaited before any header goes out, so
 * a failure there (the first page of orders cannot be read) still answers
 * with Medusa's usual error body. A later failure can only cut the response
 * short; the missing end of the chunked body tells the client that it is
 * incomplete, and the error is logged.
 */
export async function sendStream(
  req: MedusaRequest,
  res: MedusaResponse,
  { headers, chunks, through, onStart }: StreamedDocument
): Promise<void> {
  const iterator = (async function* () {
    yield* chunks
  })()
  const first = await iterator.next()
  try {
    await onStart?.()
  } catch (error) {
    await iterator.return(undefined)
    throw error
  }

  async function* rest() {
    if (first.done) {
      return
    }
    yield first.value
    // Delegating passes a cancelled response on, which stops the reading.
    yield* { [Symbol.asyncIterator]: () => iterator }
  }

  res.status(200)
  res.set({
    ...headers,
    // Batch documents hold customers' names and addresses.
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  })

  const source = Readable.from(rest())
  try {
    await (through ? pipeline(source, through, res) : pipeline(source, res))
  } catch (error) {
    const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
    const closedByClient =
      (error as NodeJS.ErrnoException).code === "ERR_STREAM_PREMATURE_CLOSE"
    logger[closedByClient ? "warn" : "error"](
      `${req.method} ${req.originalUrl} stopped before the end: ${(error as Error).message}`
    )
  }
}
