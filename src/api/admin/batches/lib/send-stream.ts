import { Readable, Transform } from "node:stream"
import { pipeline } from "node:stream/promises"
import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * Streams a document to the response with backpressure: chunks are pulled
 * only as fast as the client reads them.
 *
 * The first chunk is awaited before any header goes out, so a failure
 * there (the first page of orders cannot be read) still answers with
 * Medusa's usual error body. A later failure can only cut the response
 * short; the missing end of the chunked body tells the client that it is
 * incomplete, and the error is logged.
 */
export async function sendStream(
  req: MedusaRequest,
  res: MedusaResponse,
  headers: Record<string, string>,
  chunks: AsyncIterable<unknown> | Iterable<unknown>,
  through?: Transform
): Promise<void> {
  const iterator = (async function* () {
    yield* chunks
  })()
  const first = await iterator.next()

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
