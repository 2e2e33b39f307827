import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_NAMES, ACTIONS } from "../../src/domain/access/catalog.js";
import { evaluate } from "../../src/domain/access/evaluate.js";
import { isAppError } from "../../src/domain/errors.js";
import { TEAM_ROLES } from "../../src/domain/roles.js";
import { orgUrl } from "../harness/api.js";
import { createTestApp, type TestApp } from "../harness/app.js";
import { TEST_DIALECT } from "../harness/database.js";
import {
  type CheckSpec,
  describePolicy,
  enumerateChecks,
  type PolicySpec,
  policyArb,
  propertyRuns,
  propertySeed,
  writePolicy,
} from "../reference/random-policy.js";

/**
 * Issue 3 and docs/access-model.md §1: "A viewer can never create, run or integrate", and "Team roles
 * never lift a viewer". Whatever a viewer holds (every team role, agents they own, shares, team spaces,
 * projects, permission sets that allow agent creation and list every model), every action outside the
 * viewer's ceiling is refused with ROLE: by the engine, for every check, and by the decision API for a
 * sample of them, asked with the viewer's own session.
 */

const OUTSIDE_VIEWER_CEILING = ACTION_NAMES.filter(
  (action) => !(ACTIONS[action].roles as readonly string[]).includes("viewer"),
);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** `p0` is a viewer, and (as the booleans say) given every grant the policy has room for. */
const viewerPolicyArb = fc
  .tuple(
    policyArb({ minPeople: 1 }),
    fc.array(fc.constantFrom(...TEAM_ROLES), { minLength: 6, maxLength: 6 }),
    fc.record({ ownsAll: fc.boolean(), inAllProjects: fc.boolean(), ownSet: fc.boolean() }),
  )
  .map(([policy, teamRoles, extras]): PolicySpec => {
    const viewer = "p0";
    const teams = ["default", ...policy.teams];
    return {
      ...policy,
      people: policy.people.map((p) => (p.ref === viewer ? { ...p, role: "viewer" } : p)),
      teamMembers: [
        ...policy.teamMembers.filter((m) => m.person !== viewer),
        ...teams.map((team, i) => ({
          team,
          person: viewer,
          role: teamRoles[i % teamRoles.length] ?? "owner",
        })),
      ],
      agents: extras.ownsAll ? policy.agents.map((a) => ({ ...a, owner: viewer })) : policy.agents,
      knowledgeBases: extras.ownsAll
        ? policy.knowledgeBases.map((k) => ({ ...k, owner: viewer }))
        : policy.knowledgeBases,
      contextFiles: extras.ownsAll
        ? policy.contextFiles.map((c) => ({ ...c, owner: viewer }))
        : policy.contextFiles,
      projectMembers: extras.inAllProjects
        ? [
            ...policy.projectMembers.filter((m) => !(m.type === "user" && m.ref === viewer)),
            ...policy.projects.map((p) => ({ project: p.ref, type: "user" as const, ref: viewer })),
          ]
        : policy.projectMembers,
      permissionSets: extras.ownSet
        ? [
            ...policy.permissionSets,
            {
              ref: "viewer_set",
              kind: "personal",
              rules: {
                agent_creation: true,
                ai_models: ["model0", "model1", "model2", "model3"],
                integrations: ["int0", "int1", "int2", "int3"],
                file_upload_limit: "100MB",
              },
            },
          ]
        : policy.permissionSets,
      assignments: extras.ownSet
        ? [...policy.assignments, { set: "viewer_set", type: "user", ref: viewer }]
        : policy.assignments,
    };
  });

const RUNS = propertyRuns({ sqlite: 200, postgres: 150 });

describe(`a viewer never acts (${TEST_DIALECT})`, () => {
  it("every action that creates, runs, uses, uploads, edits, shares, joins or manages is outside the viewer's ceiling", () => {
    const verbs =
      /:(create|run|use|upload|analyze|edit|delete|share|participate|join|manage|configure|invite|remove)/;
    for (const action of ACTION_NAMES) {
      if (verbs.test(action)) expect(OUTSIDE_VIEWER_CEILING, action).toContain(action);
    }
  });

  it(`on ${RUNS} random policies: refused with ROLE by the engine and by POST /check`, async () => {
    const started = performance.now();
    let engineChecks = 0;
    let apiChecks = 0;
    await fc.assert(
      fc.asyncProperty(
        viewerPolicyArb,
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        async (policy, sample) => {
          const org = await t.setupOrg();
          const world = await writePolicy(t, org, policy);
          const checks = enumerateChecks(policy, {
            subjects: [{ type: "user", id: "p0" }],
            actions: OUTSIDE_VIEWER_CEILING,
          });
          const fail = (how: string, check: CheckSpec, answer: unknown) =>
            new Error(
              [
                `A viewer was not refused with ROLE (${how}).`,
                `check:  ${JSON.stringify(check)}`,
                `answer: ${JSON.stringify(answer)}`,
                "policy:",
                describePolicy(policy),
              ].join("\n"),
            );

          const maybe = t.deps.policies.policyFor(world.orgId);
          const compiled = maybe instanceof Promise ? await maybe : maybe;
          for (const check of checks) {
            engineChecks += 1;
            let decision: ReturnType<typeof evaluate>;
            try {
              decision = evaluate(compiled, world.input(check), world.nowMs);
            } catch (error) {
              if (isAppError(error)) throw fail("engine", check, { error: error.code });
              throw error;
            }
            if (decision.allowed || decision.reason.code !== "ROLE") throw fail("engine", check, decision);
          }

          const cookie = await t.signIn(world.emailOf("p0"));
          for (const index of sample) {
            const check = checks[index % checks.length];
            if (check === undefined) continue;
            apiChecks += 1;
            const { subject: _self, ...body } = world.input(check);
            const response = await t.request({
              method: "POST",
              url: orgUrl(world.orgId, "/check"),
              cookie,
              body,
            });
            const answer = response.json() as { allowed?: boolean; reason?: { code: string } };
            if (response.statusCode !== 200 || answer.allowed !== false || answer.reason?.code !== "ROLE")
              throw fail(`POST /check answered ${response.statusCode}`, check, answer);
          }
        },
      ),
      { numRuns: RUNS, ...propertySeed() },
    );
    console.warn(
      `[properties] ${TEST_DIALECT}: a viewer was refused ${engineChecks} engine checks and ${apiChecks} POST /check on ${RUNS} policies in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 600_000);
});
