import type { Browser, BrowserContext, Page } from "playwright-core";
import type { MemberFixture, OrgFixture } from "../harness/app.js";
import type { TestServer } from "../harness/server.js";
import { apiAs, newPerson, signInThroughConsole } from "./browser.js";

/** The mixus seed's documents, word for word. */
export const PERMISSION_SETS = {
  marketing_team: {
    ai_models: ["gpt-4", "claude-3"],
    integrations: ["social_media", "email", "analytics"],
    agent_creation: true,
    file_upload_limit: "100MB",
    knowledge_base_access: ["marketing", "public"],
  },
  finance_team: {
    ai_models: ["claude-4", "gpt-4"],
    integrations: ["salesforce", "quickbooks"],
    agent_creation: "admin_approval",
    file_upload_limit: "500MB",
    knowledge_base_access: ["finance", "executive"],
  },
};
export const MASS_UPDATE = {
  operation: "update_permissions",
  filter: { department: "marketing", role: "member" },
  changes: {
    add_integrations: ["instagram", "tiktok"],
    ai_model_access: ["gpt-4", "claude-3"],
    file_upload_limit: "200MB",
  },
};
export const SHARED_INTEGRATIONS = {
  shared_integrations: {
    salesforce: {
      access: ["sales", "marketing", "support"],
      data_scope: { sales: "full_access", marketing: "read_leads", support: "read_customers" },
    },
  },
};

export type MixusWorld = {
  org: OrgFixture;
  mia: MemberFixture;
  finn: MemberFixture;
  teams: Record<string, string>;
  admin: { context: BrowserContext; page: Page };
  /** The org's API as its admin: `/teams` for /api/v1/orgs/:orgId/teams. */
  api: (method: "GET" | "POST" | "PUT", url: string, body?: unknown) => ReturnType<typeof apiAs>;
};

/** Follows a link of the Settings menu. */
export function openSettings(page: Page, item: string) {
  return page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link", { name: item, exact: true })
    .click();
}

/** Settings → Users → the person's access page, as an admin finds it. */
export async function openMemberAccess(page: Page, name: string): Promise<void> {
  await openSettings(page, "Users");
  await page
    .getByRole("region", { name: "Users" })
    .getByRole("row")
    .filter({ hasText: name })
    .getByRole("link", { name: `Access of ${name}` })
    .click();
  await page.getByRole("heading", { name: `Access of ${name}`, level: 1 }).waitFor();
}

/**
 * The seed's organization, set up through the API where the UI is not the point: four teams, Mia
 * (marketing, in the Marketing team) and Finn (finance), the model and integration catalog, two
 * knowledge bases, a context file and Ada's customer_support_bot. Ada is signed in to the console, on Settings.
 */
export async function setUpMixusWorld(server: TestServer, browser: Browser): Promise<MixusWorld> {
  const org = await server.setupOrg({
    plan: "business",
    name: "Mixus Demo",
    adminEmail: "ada@mixus.example",
  });
  const api: MixusWorld["api"] = async (method, url, body) => {
    const path = `/api/v1/orgs/${org.orgId}${url}`;
    if (method !== "PUT") return apiAs(server, org.admin.cookie, method, path, body);
    const response = await server.request({
      method,
      url: path,
      cookie: org.admin.cookie,
      body,
      origin: server.baseUrl,
    });
    if (response.statusCode >= 300) throw new Error(`PUT ${path}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const teams: Record<string, string> = {};
  for (const name of ["Support", "Sales", "Leadership", "Marketing"]) {
    teams[name] = (await api("POST", "/teams", { name })).id;
  }
  const mia = await server.addMember(org, {
    email: "mia@mixus.example",
    name: "Mia Marketer",
    department: "marketing",
    teamId: teams.Marketing,
  });
  const finn = await server.addMember(org, {
    email: "finn@mixus.example",
    name: "Finn Finance",
    department: "finance",
  });
  for (const key of ["gpt-4", "claude-3", "claude-4"]) {
    await api("POST", "/models", {
      key,
      name: key.toUpperCase(),
      provider: key.startsWith("gpt") ? "openai" : "anthropic",
    });
  }
  for (const key of ["social_media", "email", "analytics", "instagram", "tiktok"]) {
    await api("POST", "/integrations", { key, name: key.replace("_", " ") });
  }
  await api("POST", "/integrations", {
    key: "salesforce",
    name: "Salesforce",
    dataScopes: ["read_leads", "read_customers"],
  });
  await api("POST", "/knowledge-bases", {
    key: "marketing",
    name: "Marketing playbooks",
    visibility: "department",
    department: "marketing",
  });
  await api("POST", "/knowledge-bases", { key: "public", name: "Company handbook", visibility: "public" });
  await api("POST", "/context-files", { name: "Brand guidelines", scope: "org" });
  // Ada's own agent: Mia reaches it only through what is granted to her (a project, a share, a space).
  await api("POST", "/agents", { key: "customer_support_bot", name: "Customer support bot" });
  const admin = await newPerson(browser, server.baseUrl);
  await signInThroughConsole(admin.page, org.admin.email);
  await admin.page.goto(`/orgs/${org.orgId}/settings/users`);
  return { org, mia, finn, teams, admin, api };
}

/** The seed's permission sets, marketing_team for the marketing department and finance_team for finance. */
export async function assignSeedSets(world: MixusWorld): Promise<void> {
  const imported = await world.api("PUT", "/permission-sets", PERMISSION_SETS);
  for (const set of imported.items as { id: string; key: string }[]) {
    const department = set.key === "marketing_team" ? "marketing" : "finance";
    await world.api("PUT", `/permission-sets/${set.id}/assignments`, { departments: [department] });
  }
}
