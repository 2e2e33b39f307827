import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { ACTIONS, type Action } from "../../src/domain/access/catalog.js";
import { type CheckInput, evaluate } from "../../src/domain/access/evaluate.js";
import { isAppError } from "../../src/domain/errors.js";
import { parseCheckBody } from "../../src/http/check-body.js";
import { createTestApp, type TestApp } from "../harness/app.js";
import { TEST_DIALECT } from "../harness/database.js";
import {
  type CheckSpec,
  describePolicy,
  enumerateChecks,
  GOVERNED_BY_SETS,
  type PolicySpec,
  propertyRuns,
  propertySeed,
  scenarioArb,
  type World,
  writePolicy,
} from "../reference/random-policy.js";
import { ReferenceCheckError, referenceDecide } from "../reference/reference-evaluator.js";

/**
 * Issue 3: the engine (a compiled in-memory policy) and a slow reference evaluator (docs/access-model.md
 * applied straight to the tables, query by query) agree on random policies and random checks: the same
 * allowed, the same reason code, and the same error for an unknown action or resource.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Outcome = { allowed: boolean; code: string } | { error: string };

async function engineOutcome(world: World, check: CheckSpec): Promise<Outcome> {
  try {
    const maybe = t.deps.policies.policyFor(world.orgId);
    const policy = maybe instanceof Promise ? await maybe : maybe;
    const decision = evaluate(policy, world.input(check), world.nowMs);
    // The same check as the decision routes read it (with its ids as numbers when it is written
    // compactly with UUIDs: check-ids.ts), twice, so that the second answer is the memo's.
    const text = JSON.stringify(world.input(check));
    const bytes = Buffer.from(text);
    const read = parseCheckBody(text, bytes.length === text.length ? bytes : undefined) as CheckInput;
    for (const again of [evaluate(policy, read, world.nowMs), evaluate(policy, read, world.nowMs)]) {
      if (again.allowed !== decision.allowed || again.reason.code !== decision.reason.code) {
        throw new Error(`read from its text, ${text} was decided otherwise: ${JSON.stringify(again)}`);
      }
    }
    return { allowed: decision.allowed, code: decision.reason.code };
  } catch (error) {
    if (isAppError(error)) return { error: error.code };
    throw error;
  }
}

async function referenceOutcome(world: World, check: CheckSpec): Promise<Outcome> {
  try {
    return await referenceDecide(t.deps.db, world.orgId, world.input(check), world.nowMs);
  } catch (error) {
    if (error instanceof ReferenceCheckError) return { error: error.code };
    throw error;
  }
}

/**
 * Besides the free-form random checks, a sample of the checks worth asking of the policy (each
 * subject × action × resource × context that matters), an action first: these hit its grants far more
 * often. Actions permission sets decide on come up four times as often, the rest twice, and admin-only
 * org actions (a plain ROLE for everyone else) once.
 */
function sampleChecks(policy: PolicySpec, sample: readonly (readonly [number, number])[]): CheckSpec[] {
  const grouped = new Map<string, CheckSpec[]>();
  for (const check of enumerateChecks(policy))
    grouped.set(check.action, [...(grouped.get(check.action) ?? []), check]);
  const weightOf = (action: string) =>
    GOVERNED_BY_SETS.includes(action)
      ? 4
      : (ACTIONS[action as Action].roles as readonly string[]).includes("member")
        ? 2
        : 1;
  const byAction = [...grouped].flatMap(([action, checks]) =>
    Array<CheckSpec[]>(weightOf(action)).fill(checks),
  );
  return sample.flatMap(([a, i]) => {
    const checks = byAction[a % byAction.length] ?? [];
    return checks.length === 0 ? [] : [checks[i % checks.length] as CheckSpec];
  });
}

const RUNS = propertyRuns({ sqlite: 600, postgres: 300 });
const CHECKS_PER_POLICY = 30;
const SAMPLED_PER_POLICY = 30;

describe(`the engine agrees with the reference evaluator (${TEST_DIALECT})`, () => {
  it(`on ${RUNS} random policies × up to ${CHECKS_PER_POLICY + SAMPLED_PER_POLICY} random checks`, async () => {
    const started = performance.now();
    let policies = 0;
    let checks = 0;
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        scenarioArb({ checks: { minLength: 1, maxLength: CHECKS_PER_POLICY } }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: SAMPLED_PER_POLICY, size: "max" }),
        async (generated, sample) => {
          const scenario = {
            policy: generated.policy,
            checks: [...generated.checks, ...sampleChecks(generated.policy, sample)],
          };
          policies += 1;
          const org = await t.setupOrg();
          const world = await writePolicy(t, org, scenario.policy);
          for (const check of scenario.checks) {
            checks += 1;
            const engine = await engineOutcome(world, check);
            const seen = "error" in engine ? engine.error : engine.code;
            outcomes.set(seen, (outcomes.get(seen) ?? 0) + 1);
            const reference = await referenceOutcome(world, check);
            if (!isDeepStrictEqual(engine, reference)) {
              throw new Error(
                [
                  "The engine and the reference disagree.",
                  `check:     ${JSON.stringify(check)}`,
                  `engine:    ${JSON.stringify(engine)}`,
                  `reference: ${JSON.stringify(reference)}`,
                  "policy:",
                  describePolicy(scenario.policy),
                ].join("\n"),
              );
            }
          }
        },
      ),
      { numRuns: RUNS, ...propertySeed() },
    );
    console.warn(
      `[properties] ${TEST_DIALECT}: engine = reference on ${policies} policies, ${checks} checks in ${((performance.now() - started) / 1000).toFixed(1)} s; ${[...outcomes].map(([code, n]) => `${code} ${n}`).join(", ")}`,
    );
  }, 600_000);
});
