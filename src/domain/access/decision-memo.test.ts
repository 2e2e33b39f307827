import { describe, expect, it } from "vitest";
import { CHECK_IDS, readUuid } from "./check-ids.js";
import { allow, type Decision, deny } from "./decision.js";
import { memoGet, memoPut, memoSlot } from "./decision-memo.js";
import type { CheckInput } from "./evaluate.js";
import { emptyMemo, type Policy } from "./policy.js";

const NOW = Date.parse("2026-06-01T12:00:00.000Z");
const memoOnly = () => ({ memo: emptyMemo() }) as Policy;
const ann = { type: "user", id: "ann" } as const;
const check = (action: string, resource: CheckInput["resource"]): CheckInput => ({
  subject: ann,
  action,
  resource,
});
const put = (policy: Policy, input: CheckInput, decision: Decision) =>
  memoPut(policy, input, memoSlot(input), decision);
const get = (policy: Policy, input: CheckInput, nowMs = NOW) =>
  memoGet(policy, input, memoSlot(input), nowMs);

describe("the decision memo", () => {
  it("keeps each action asked of a resource apart, and answers with the kept decision", () => {
    const policy = memoOnly();
    const run = check("agents:run", { type: "agent", id: "bot" });
    const edit = check("agents:edit", { type: "agent", id: "bot" });
    put(policy, run, allow("Allowed: shared with the Support team (full).", [{ type: "org_wide" }]));
    put(policy, edit, deny("NO_ACCESS", "Not this one."));
    expect(get(policy, run)?.allowed).toBe(true);
    expect(get(policy, edit)?.allowed).toBe(false);
    expect(get(policy, run)).toBe(get(policy, run));
    expect(get(policy, check("agents:view", { type: "agent", id: "bot" }))).toBeUndefined();
    expect(get(policy, { ...run, subject: { type: "team", id: "ann" } })).toBeUndefined();
    expect(policy.memo.size).toBe(2);
  });

  it("keeps a resource named by its key apart from one whose id is the same text", () => {
    const policy = memoOnly();
    const byKey = check("models:use", { type: "model", key: "gpt-4" });
    const byId = check("models:use", { type: "model", id: "gpt-4" });
    put(policy, byKey, allow("Allowed by key.", []));
    expect(get(policy, byId)).toBeUndefined();
    put(policy, byId, deny("NO_ACCESS", "Refused by id."));
    expect(get(policy, byKey)?.reason.message).toBe("Allowed by key.");
    expect(get(policy, byId)?.reason.message).toBe("Refused by id.");
  });

  it("keeps a decision under the check's own text, whatever name it is handed for the resource", () => {
    const policy = memoOnly();
    const run = check("agents:run", { type: "agent", id: "bot" });
    memoPut(policy, run, memoSlot(run), allow("Allowed.", []), "bot");
    const org = check("billing:manage", { type: "org", key: "acme" });
    memoPut(policy, org, memoSlot(org), deny("ROLE", "Admins only."), "");
    expect(get(policy, run)?.allowed).toBe(true);
    expect(get(policy, org)?.reason.code).toBe("ROLE");
    expect(get(policy, check("billing:manage", { type: "org" }))).toBeUndefined();
  });

  it("stops answering with a decision once it ends, and a new one takes its place", () => {
    const policy = memoOnly();
    const run = check("agents:run", { type: "agent", id: "alpha-bot" });
    const ends = "2026-07-31T00:00:00.000Z";
    put(policy, run, allow("Allowed through Project Alpha.", [], ends));
    put(policy, check("agents:view", { type: "agent", id: "alpha-bot" }), allow("Seen.", []));
    expect(get(policy, run, Date.parse(ends) - 1)?.allowed).toBe(true);
    expect(get(policy, run, Date.parse(ends))).toBeUndefined();
    put(policy, run, deny("NO_ACCESS", "Access through Project Alpha ended on 2026-07-31."));
    expect(get(policy, run, Date.parse(ends))?.allowed).toBe(false);
    expect(policy.memo.size).toBe(2);
  });

  it("keeps a check that carries its ids' words in the id table, apart for users and teams, counted in its size", () => {
    const policy = memoOnly();
    const person = "0190f3a2-7c1e-7a3b-9c2d-4e5f6a7b8c9d";
    const agent = "0190f3a2-7c1e-7a3b-9c2d-000000000001";
    const words = new Int32Array(8);
    const bytes = Buffer.from(person + agent, "latin1");
    expect(readUuid(bytes, 0, words, 0) && readUuid(bytes, 36, words, 4)).toBe(true);
    const plain: CheckInput = {
      subject: { type: "user", id: person },
      action: "agents:run",
      resource: { type: "agent", id: agent },
    };
    const keyed: CheckInput = { ...plain, [CHECK_IDS]: { words, at: 0 } };
    put(policy, keyed, allow("Allowed.", []));
    expect(policy.memo.size).toBe(1);
    expect(policy.memo.byIds.size).toBe(1);
    expect(get(policy, keyed)?.allowed).toBe(true);
    // The same check by its ids' text is the text maps', kept apart and answered alike once kept.
    expect(get(policy, plain)).toBeUndefined();
    put(policy, plain, allow("Allowed.", []));
    expect(get(policy, plain)?.allowed).toBe(true);
    expect(get(policy, { ...keyed, subject: { type: "team", id: person } })).toBeUndefined();
    expect(get(policy, { ...keyed, action: "agents:view" })).toBeUndefined();
    expect(get(policy, { ...keyed, resource: { type: "agent", key: agent } })).toBeUndefined();
    expect(policy.memo.size).toBe(2);
  });
});
