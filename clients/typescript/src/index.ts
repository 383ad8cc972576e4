/**
 * The package's one entry point: the client, its types, and the generated
 * `paths`, `components` and `operations` of `openapi.yaml` for code that
 * types its own calls (`import type { paths } from "@ims/content-api-client"`).
 */
export * from "./client.js";
export type { components, operations, paths } from "./schema.js";
