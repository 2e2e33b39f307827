import { ConfigError } from "../config.js";
import { isAppError } from "../domain/errors.js";
import { createProgram } from "./program.js";

const program = createProgram({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  onShutdownSignal(handler) {
    process.once("SIGINT", () => handler("SIGINT"));
    process.once("SIGTERM", () => handler("SIGTERM"));
  },
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Expected failures print one line that says what to do; anything else keeps its stack.
  if (error instanceof ConfigError || isAppError(error)) {
    console.error(`gatehouse: ${error.message}`);
    process.exit(error instanceof ConfigError ? 78 : 1);
  }
  throw error;
}
