import { AppError } from "../../domain/errors.js";
import type { ServiceContext } from "../context.js";
import { listTeams, type TeamView } from "./list-teams.js";

export async function getTeam(
  ctx: ServiceContext,
  input: { orgId: string; teamId: string },
): Promise<TeamView> {
  const [team] = await listTeams(ctx, input);
  if (!team) throw new AppError("NOT_FOUND", { message: "That team does not exist in this organization." });
  return team;
}
