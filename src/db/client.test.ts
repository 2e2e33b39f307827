import { describe, expect, it } from "vitest";
import { isoFromTimestamptz } from "./client.js";

describe("isoFromTimestamptz", () => {
  it("gives what Date#toISOString gives for every text form PostgreSQL sends", () => {
    for (const value of [
      "2026-12-06 07:04:02+00",
      "2026-12-06 07:04:02.1+00",
      "2026-12-06 07:04:02.12+00",
      "2026-12-06 07:04:02.123+00",
      "2026-12-06 07:04:02.123456+00",
      "2026-12-06 07:04:02.999999+00",
      "2024-02-29 23:59:59.000001+00",
      // Not a UTC session: through Date.
      "2026-12-06 08:04:02.5+01",
      "2026-12-06 02:34:02.25-04:30",
    ]) {
      expect(isoFromTimestamptz(value)).toBe(new Date(value).toISOString());
    }
  });
});
