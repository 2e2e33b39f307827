import { PassThrough, Readable } from "node:stream";
import { createProgram } from "../../src/cli/program.js";

export type CliRun = { stdout: string; stderr: string; error: unknown };

/** Runs the `gatehouse` command in this process, as a shell would, and collects what it printed. */
export async function runCli(args: string[], stdin = ""): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c) => (out += c));
  stderr.on("data", (c) => (err += c));
  const program = createProgram({
    stdin: Readable.from([stdin]),
    stdout,
    stderr,
    onShutdownSignal: () => {},
  });
  for (const command of [program, ...program.commands]) command.exitOverride();
  let error: unknown = null;
  try {
    await program.parseAsync(["node", "gatehouse", ...args]);
  } catch (e) {
    error = e;
  }
  return { stdout: out, stderr: err, error };
}
