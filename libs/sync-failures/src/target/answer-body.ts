/**
 * The most of an answer's body that is read: a batch answer's `results` take about 60 bytes a
 * message plus the receiver's `error` texts, so 1 MiB holds the answer to the largest batch
 * (EXTERNAL_SYNC_BATCH_SIZE 1,000) many times over. A receiver answering more must not exhaust the
 * app's memory: the rest is never read and the connection is dropped.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** A batch's 2xx answer too long to read: its per-message answers are unknown, so every change is sent again (same keys). */
export const OVERSIZED_BATCH_ANSWER = `Batch answer larger than ${MAX_ANSWER_BYTES} bytes: not read`;

/** What was read of a body: all of it, or its first `limit` bytes when it was longer (`overflow`). */
export interface AnswerBody {
  text: string;
  overflow: boolean;
}

/**
 * Reads a body up to `limit` bytes. Past that it stops reading and destroys the stream (undici
 * then closes that connection): a body announced longer than `limit` is not read at all.
 */
export async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): unknown },
  limit: number,
  announced?: string | string[],
): Promise<AnswerBody> {
  const length = Number(Array.isArray(announced) ? announced[0] : announced);
  if (Number.isFinite(length) && length > limit) {
    body.destroy();
    return { text: '', overflow: true };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - size));
      body.destroy();
      return { text: Buffer.concat(chunks).toString('utf8'), overflow: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), overflow: false };
}
