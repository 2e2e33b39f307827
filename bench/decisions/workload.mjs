// The agent workload of the decision benchmarks: which checks are asked, in what form.
import { AGENT_ACTIONS, prng } from "./policy.mjs";

/**
 * The agent workload: random people × agents × agents:view/run/edit. Half the checks name an agent the
 * person's team was given (share, team agent, team space) and half any agent, so that answers are
 * a mix of allowed and denied instead of nearly all denied.
 */
export function agentChecks(data, count, seed) {
  const r = prng(seed);
  const agentsOfTeam = new Map();
  const add = (teamId, agentId) => {
    const list = agentsOfTeam.get(teamId);
    if (list) list.push(agentId);
    else agentsOfTeam.set(teamId, [agentId]);
  };
  for (const a of data.agents) if (a.teamId) add(a.teamId, a.id);
  for (const s of data.agentShares) add(s.teamId, s.agentId);
  const teamsOf = new Map();
  for (const tm of data.teamMembers) {
    const list = teamsOf.get(tm.userId);
    if (list) list.push(tm.teamId);
    else teamsOf.set(tm.userId, [tm.teamId]);
  }
  const checks = new Array(count);
  for (let i = 0; i < count; i++) {
    const userId = r.pick(data.members).userId;
    let agentId = r.pick(data.agents).id;
    if (r.next() < 0.5) {
      const near = agentsOfTeam.get(r.pick(teamsOf.get(userId) ?? [""]));
      if (near) agentId = r.pick(near);
    }
    checks[i] = { userId, agentId, action: r.pick(AGENT_ACTIONS) };
  }
  return checks;
}

/** A check as the decision API receives it: fresh strings, as JSON.parse makes them. */
export const toInput = (c) =>
  JSON.parse(
    JSON.stringify({
      subject: { type: "user", id: c.userId },
      action: c.action,
      resource: { type: "agent", id: c.agentId },
    }),
  );

/** `count` checks, no two alike (same person, agent and action). */
export function distinctChecks(data, count, seed) {
  const seen = new Set();
  const out = [];
  for (let round = 0; out.length < count; round++) {
    for (const c of agentChecks(data, count, seed + round)) {
      const key = `${c.userId}|${c.agentId}|${c.action}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(c);
      if (out.length === count) break;
    }
  }
  return out;
}
