import type { Readable, Writable } from "node:stream";

/** Where a command reads and writes: the process's streams in `main.ts`, others in tests. */
export type CliIo = {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Called by `serve` to stop on SIGINT/SIGTERM; tests pass a no-op. */
  onShutdownSignal(handler: (signal: string) => void): void;
};

export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}
