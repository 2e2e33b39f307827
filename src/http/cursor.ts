import { AppError } from "../domain/errors.js";
import { UUID_PATTERN } from "../lib/ids.js";

/** Cursors are opaque to clients: the id of the last row, base64url-encoded. */
export function encodeCursor(id: string | null): string | null {
  return id === null ? null : Buffer.from(id, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | undefined): string | null {
  if (cursor === undefined || cursor === "") return null;
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  if (!UUID_PATTERN.test(id)) {
    throw new AppError("VALIDATION_FAILED", {
      message:
        "The cursor is not valid. Use the nextCursor of the previous page, or leave it out to start over.",
      details: { field: "cursor" },
    });
  }
  return id;
}
