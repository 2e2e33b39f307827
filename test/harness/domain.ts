import type { MassChanges } from "../../src/domain/access/mass-update-document.js";
import { isAppError } from "../../src/domain/errors.js";

/** The message of the VALIDATION_FAILED error that `run` throws; fails the test when it throws none. */
export function validationMessageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isAppError(error, "VALIDATION_FAILED")) return error.message;
    throw error;
  }
  throw new Error("expected VALIDATION_FAILED");
}

/** A mass update that changes nothing, to spread a test's few changes over. */
export const NO_MASS_CHANGES: MassChanges = {
  addIntegrations: null,
  removeIntegrations: null,
  aiModelAccess: null,
  addAiModels: null,
  fileUploadLimitBytes: null,
  agentCreation: null,
  knowledgeBaseAccess: null,
  addKnowledgeBases: null,
};
