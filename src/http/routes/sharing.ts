import { z } from "zod";
import { getSharing } from "../../services/sharing/get-sharing.js";
import { setSharing } from "../../services/sharing/set-sharing.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { errorResponse, orgParams } from "../schemas/common.js";
import { sharingDocument, sharingDocumentInput } from "../schemas/resources.js";
import { type RouteModule, typed } from "./types.js";

/** The mixus seed's "Resource Sharing Configuration" document, read and written whole. */
export const sharingRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/sharing",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Sharing"],
        summary: "What is shared with which teams, in the seed's format",
        description:
          "Agents the caller may not see are left out; resources shared with nobody are not listed.",
        params: orgParams,
        querystring: z.strictObject({}),
        response: { 200: sharingDocument, default: errorResponse },
      },
    },
    (request) => getSharing(serviceContext(request, deps), request.params),
  );

  r.put(
    "/api/v1/orgs/:orgId/sharing",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Sharing"],
        summary: "Apply a sharing document, as the seed writes it",
        description:
          'Agents and integrations by key, teams by name (case does not matter): `{"shared_agents": {"customer_support_bot": {"access": ["support", "sales"], "permissions": {"support": "full", "sales": "run_only"}}}, "shared_integrations": {"salesforce": {"access": ["marketing"], "data_scope": {"marketing": "read_leads"}}}}`. Each named resource\'s shares become exactly its access list, all in one transaction; resources not named keep theirs. Every unknown name, key or data scope is reported in one error. Sharing an agent needs agents:share on it; sharing integrations needs the admin role.',
        params: orgParams,
        body: sharingDocumentInput,
        response: { 200: sharingDocument, default: errorResponse },
      },
    },
    (request) => setSharing(serviceContext(request, deps), { ...request.params, document: request.body }),
  );
};
