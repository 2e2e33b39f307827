import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../../domain/errors.js";

/** An uploaded CSV spooled to a private temp file while hashed: the import needs the file's sha256 first. */
export type SpooledCsv = { sha256: string; bytes: number; open: () => Readable; remove: () => Promise<void> };

export async function spoolCsv(body: Readable, maxBytes: number): Promise<SpooledCsv> {
  const dir = await mkdtemp(join(tmpdir(), "gatehouse-import-"));
  const path = join(dir, "upload.csv");
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    await pipeline(
      body,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const piece of source) {
          bytes += piece.length;
          if (bytes > maxBytes) {
            throw new AppError("PAYLOAD_TOO_LARGE", {
              message: `The CSV is larger than ${Math.round(maxBytes / 1024 / 1024)} MB. Split it into several files.`,
            });
          }
          hash.update(piece);
          yield piece;
        }
      },
      createWriteStream(path, { mode: 0o600 }),
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    sha256: hash.digest("hex"),
    bytes,
    open: () => createReadStream(path),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The sha256 of a file on disk, streamed (the CLI's default idempotency key). */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const piece of createReadStream(path)) hash.update(piece as Buffer);
  return hash.digest("hex");
}
