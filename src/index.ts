// Public entry point of the typed client.
export * from "./client.ts";
export * from "./flows.ts";
export * from "./placing.ts";
export {
  PartnerPortalError,
  isPartnerPortalError,
  type ErrorEnvelope,
  type ErrorCode,
  type KnownErrorCode,
  type PartnerPortalErrorCode,
} from "./errors.ts";
export { parsedBody } from "./middleware.ts";
export { parseJson, stringifyJson, idToString } from "../openapi/json.ts";
export { TokenManager, REFRESH_TOKEN_TTL_MS } from "./auth.ts";
export type { paths, components } from "../openapi/generated/partner-portal.ts";
