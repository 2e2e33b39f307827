import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import {
  MISSING_NAMES_HINT,
  resolveSharingDocument,
  type SharingCatalog,
  toSharingDocument,
} from "./sharing.js";

/** The mixus seed's "Resource Sharing Configuration", word for word. */
const SEED_DOCUMENT = {
  shared_agents: {
    customer_support_bot: {
      access: ["support", "sales", "leadership"],
      permissions: {
        support: "full",
        sales: "run_only",
        leadership: "view_only",
      },
    },
  },
  shared_integrations: {
    salesforce: {
      access: ["sales", "marketing", "support"],
      data_scope: {
        sales: "full_access",
        marketing: "read_leads",
        support: "read_customers",
      },
    },
  },
};

const CATALOG: SharingCatalog = {
  agents: [
    { id: "agent-1", key: "customer_support_bot" },
    { id: "agent-2", key: "code_reviewer" },
  ],
  integrations: [
    { id: "int-1", key: "salesforce", dataScopes: ["read_leads", "read_customers"] },
    { id: "int-2", key: "github", dataScopes: [] },
  ],
  teams: [
    { id: "t-support", name: "Support" },
    { id: "t-sales", name: "Sales" },
    { id: "t-leadership", name: "Leadership" },
    { id: "t-marketing", name: "Marketing" },
  ],
};

type Refusal = {
  message: string;
  details: { problems: string[]; unknown: Record<string, string[]> };
};

function problemsOf(document: unknown, catalog = CATALOG): Refusal {
  try {
    resolveSharingDocument(document, catalog);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe("VALIDATION_FAILED");
    return { message: appError.message, details: appError.details as Refusal["details"] };
  }
  throw new Error("expected the document to be refused");
}

describe("resolveSharingDocument", () => {
  it("accepts the seed's document as written, matching team names without regard to case", () => {
    expect(resolveSharingDocument(SEED_DOCUMENT, CATALOG)).toEqual({
      agents: [
        {
          agentId: "agent-1",
          key: "customer_support_bot",
          shares: [
            { teamId: "t-support", level: "full" },
            { teamId: "t-sales", level: "run_only" },
            { teamId: "t-leadership", level: "view_only" },
          ],
        },
      ],
      integrations: [
        {
          integrationId: "int-1",
          key: "salesforce",
          shares: [
            { teamId: "t-sales", dataScope: "full_access" },
            { teamId: "t-marketing", dataScope: "read_leads" },
            { teamId: "t-support", dataScope: "read_customers" },
          ],
        },
      ],
    });
  });

  it("takes either section alone, and an empty access list (unshare everything)", () => {
    expect(
      resolveSharingDocument({ shared_agents: { code_reviewer: { access: [], permissions: {} } } }, CATALOG),
    ).toEqual({ agents: [{ agentId: "agent-2", key: "code_reviewer", shares: [] }], integrations: [] });
    expect(resolveSharingDocument({}, CATALOG)).toEqual({ agents: [], integrations: [] });
  });

  it("lists every unknown agent, integration, team and data scope in one error", () => {
    const { message, details } = problemsOf({
      shared_agents: {
        missing_bot: { access: ["support"], permissions: { support: "full" } },
        customer_support_bot: { access: ["Ghosts"], permissions: { ghosts: "view_only" } },
      },
      shared_integrations: {
        hubspot: { access: ["sales"], data_scope: { sales: "full_access" } },
        salesforce: { access: ["marketing"], data_scope: { marketing: "read_everything" } },
      },
    });
    expect(details.unknown).toEqual({
      agents: ["missing_bot"],
      integrations: ["hubspot"],
      teams: ["Ghosts"],
      dataScopes: ["salesforce:read_everything"],
      levels: [],
    });
    for (const name of ["missing_bot", "hubspot", "Ghosts", "read_everything"])
      expect(message).toContain(name);
    expect(message).toMatch(/^The sharing document was not applied, and nothing changed: /);
    expect(message.endsWith(MISSING_NAMES_HINT)).toBe(true);
  });

  it("refuses an access entry without a level or data scope", () => {
    const agents = problemsOf({
      shared_agents: {
        customer_support_bot: { access: ["support", "sales"], permissions: { support: "full" } },
      },
    });
    expect(agents.details.problems).toEqual([
      'shared_agents.customer_support_bot.access lists "sales" without a level in permissions',
    ]);
    const integrations = problemsOf({ shared_integrations: { salesforce: { access: ["sales"] } } });
    expect(integrations.message).toContain('"sales" without a data scope');
    // Every name is known, so there is nothing to create first.
    expect(integrations.message).not.toContain(MISSING_NAMES_HINT);
  });

  it("refuses unknown levels, levels for teams outside access, and a team listed twice", () => {
    const { details } = problemsOf({
      shared_agents: {
        customer_support_bot: {
          access: ["support", "SUPPORT", "sales"],
          permissions: { support: "admin", sales: "run_only", leadership: "view_only" },
        },
      },
    });
    expect(details.unknown.levels).toEqual(["admin"]);
    expect(details.problems).toEqual([
      'shared_agents.customer_support_bot.access lists the team "SUPPORT" twice',
      'shared_agents.customer_support_bot.permissions names "leadership", which is not in access',
      'shared_agents.customer_support_bot.permissions.support is "admin"; use full, run_only or view_only',
    ]);
  });

  it("refuses malformed documents: not an object, unknown fields, wrong shapes", () => {
    expect(() => resolveSharingDocument([SEED_DOCUMENT], CATALOG)).toThrow(AppError);
    expect(() => resolveSharingDocument(null, CATALOG)).toThrow(AppError);
    const { details } = problemsOf({
      shared_agent: {},
      shared_agents: { customer_support_bot: { access: "support", permissions: {}, extra: 1 } },
      shared_integrations: ["salesforce"],
    });
    expect(details.problems).toEqual([
      "unknown field(s) shared_agent; the document takes shared_agents and shared_integrations",
      'shared_agents.customer_support_bot has unknown field(s) extra; it takes "access" and "permissions"',
      'shared_agents.customer_support_bot.access must be a list of team names, e.g. ["support", "sales"]',
      "shared_integrations must be an object keyed by integration key",
    ]);
  });

  it("gives full_access to every integration, even one without named scopes", () => {
    expect(
      resolveSharingDocument(
        { shared_integrations: { github: { access: ["Sales"], data_scope: { sales: "full_access" } } } },
        CATALOG,
      ).integrations,
    ).toEqual([
      { integrationId: "int-2", key: "github", shares: [{ teamId: "t-sales", dataScope: "full_access" }] },
    ]);
  });
});

describe("toSharingDocument", () => {
  it("writes the current shares in the seed's format, which resolves back to the same shares", () => {
    const document = toSharingDocument({
      agents: [
        {
          key: "customer_support_bot",
          shares: [
            { teamName: "Support", level: "full" },
            { teamName: "Sales", level: "run_only" },
          ],
        },
        { key: "code_reviewer", shares: [] },
      ],
      integrations: [{ key: "salesforce", shares: [{ teamName: "Marketing", dataScope: "read_leads" }] }],
    });
    expect(document).toEqual({
      shared_agents: {
        customer_support_bot: {
          access: ["Support", "Sales"],
          permissions: { Support: "full", Sales: "run_only" },
        },
      },
      shared_integrations: {
        salesforce: { access: ["Marketing"], data_scope: { Marketing: "read_leads" } },
      },
    });
    const resolved = resolveSharingDocument(document, CATALOG);
    expect(resolved.agents[0]?.shares).toEqual([
      { teamId: "t-support", level: "full" },
      { teamId: "t-sales", level: "run_only" },
    ]);
  });
});
