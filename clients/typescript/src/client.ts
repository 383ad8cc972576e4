/**
 * A small typed wrapper around `fetch` for the IMS Content API.
 *
 * Paths, parameters and response bodies come from `schema.d.ts`, which is
 * generated from the repository's `openapi.yaml` (`npm run generate`), so a
 * call that the contract does not allow is a compile error.
 *
 *     const api = new ImsClient({ baseUrl: "https://content.example.org", language: "fr-ca" });
 *     const elbow = await api.get("/api/v1/conditions/{slug}/", { path: { slug: "tennis-elbow" } });
 *     const page = await api.get("/api/v1/conditions/", { query: { body_region: ["elbow"] } });
 *
 * - `apiKey` travels as `Authorization: Api-Key <key>`.
 * - `language` travels as `Accept-Language` on every request; pass `query: { lang }`
 *   to insist on one for a single request (the endpoints that take `lang` say so).
 * - Every response's ETag is kept with its body, per URL; the next request for that
 *   URL sends `If-None-Match` and a `304 Not Modified` returns the kept body.
 * - An error response is thrown as a `ProblemError` carrying the RFC 9457 problem.
 * - With a literal `fields` (`query: { fields: "slug,name" }`) each item's type holds just
 *   those properties; without it, every property.
 */
import type { components, paths } from "./schema.js";

export type Schemas = components["schemas"];
export type Condition = Schemas["ConditionV1"];
export type Faq = Schemas["FaqV1"];
export type Mechanism = Schemas["MechanismV1"];
export type Image = Schemas["ImageV1"];
export type Rendition = Schemas["RenditionV1"];
export type BodyRegion = Schemas["BodyRegionV1"];
export type Bundle = Schemas["BundleV1"];
export type Changes = Schemas["ChangesV1"];
export type Change = Schemas["ChangeV1"];
export type Problem = Schemas["Problem"];

/** Every path that answers GET (all of them: the API is read-only). */
export type GetPath = {
  [P in keyof paths]: paths[P] extends { get: object } ? P : never;
}[keyof paths];

type Operation<P extends GetPath> = paths[P]["get"];
type ParametersIn<P extends GetPath, Where extends "query" | "path"> =
  Operation<P> extends { parameters: { [K in Where]?: infer T } } ? T : never;
export type QueryOf<P extends GetPath> = NonNullable<ParametersIn<P, "query">>;
export type PathParamsOf<P extends GetPath> = NonNullable<ParametersIn<P, "path">>;
/** The JSON body of a 200 answer to GET `P`, as the schema declares it. */
export type ResponseOf<P extends GetPath> =
  Operation<P> extends { responses: { 200: { content: { "application/json": infer B } } } }
    ? B
    : unknown;

/** The names in a `fields` value: `"slug, name"` → `"slug" | "name"`. */
export type FieldNames<S extends string> = S extends `${infer Head},${infer Rest}`
  ? Trimmed<Head> | FieldNames<Rest>
  : Trimmed<S>;
type Trimmed<S extends string> = S extends ` ${infer T}`
  ? Trimmed<T>
  : S extends `${infer T} `
    ? Trimmed<T>
    : S;

/**
 * An item as asked for. The schema declares list and detail items with every property
 * optional (`fields` may leave any out); without `fields` every one is there, and with a
 * literal `fields` exactly the named ones are. A `fields` only known at run time (a
 * `string`) keeps the declared, optional shape.
 */
type Shaped<Item, F extends string> = [F] extends [never]
  ? Required<Item>
  : string extends F
    ? Item
    : Pick<Required<Item>, FieldNames<F> & keyof Item>;
type Reshaped<Body, F extends string> = Body extends { results: Array<infer Item> }
  ? Omit<Body, "results"> & { results: Array<Shaped<Item, F>> }
  : Shaped<Body, F>;
type TakesFields<P extends GetPath> = "fields" extends keyof QueryOf<P> ? true : false;

/** The body of a 200 answer to GET `P` with `fields=F` (`never`: no `fields`). */
export type AnswerOf<P extends GetPath, F extends string = never> =
  TakesFields<P> extends true ? Reshaped<ResponseOf<P>, F> : ResponseOf<P>;

/** Options of one call: path parameters are required exactly when the path has some. */
export type RequestOptions<P extends GetPath, F extends string = string> = ([
  PathParamsOf<P>,
] extends [never]
  ? { path?: never }
  : { path: PathParamsOf<P> }) & {
  query?: TakesFields<P> extends true ? Omit<QueryOf<P>, "fields"> & { fields?: F } : QueryOf<P>;
  signal?: AbortSignal;
};

export interface ClientOptions {
  /** Where the API is, e.g. `https://content.example.org` (no trailing `/api/v1`). */
  baseUrl: string;
  /** Sent as `Authorization: Api-Key <key>`; anonymous reads need none unless keys are required. */
  apiKey?: string;
  /** Preferred language, sent as `Accept-Language` (e.g. `en`, `fr-ca`). */
  language?: string;
  /** Another `fetch` (tests, Node without a global one). */
  fetch?: typeof fetch;
}

/** An error answer from the API: `problem` is its RFC 9457 `application/problem+json` body. */
export class ProblemError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.name = "ProblemError";
    this.status = problem.status;
    this.problem = problem;
  }
}

interface Kept {
  etag: string;
  body: unknown;
}

export class ImsClient {
  private readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly fetch: typeof fetch;
  private readonly kept = new Map<string, Kept>();

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.headers = { Accept: "application/json" };
    if (options.apiKey) this.headers.Authorization = `Api-Key ${options.apiKey}`;
    if (options.language) this.headers["Accept-Language"] = options.language;
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /**
   * GET `path`; resolves to the typed body, the kept one on a 304. With `fields`
   * (`query: { fields: "slug,name" }`) each item's type holds just those properties.
   */
  async get<P extends GetPath, F extends string = never>(
    path: P,
    // (A path that is not the API's leaves P as GetPath: options stay optional, so
    // the error names the path rather than a missing argument.)
    ...[options]: [PathParamsOf<P>] extends [never]
      ? [options?: RequestOptions<P, F>]
      : GetPath extends P
        ? [options?: RequestOptions<P, F>]
        : [options: RequestOptions<P, F>]
  ): Promise<AnswerOf<P, F>> {
    const url = this.url(path, options?.path, options?.query);
    const kept = this.kept.get(url);
    const headers = kept ? { ...this.headers, "If-None-Match": kept.etag } : this.headers;
    const response = await this.fetch(url, { headers, signal: options?.signal });
    if (response.status === 304 && kept) return kept.body as AnswerOf<P, F>;
    if (!response.ok) throw await problemOf(response);
    const body: unknown = await response.json();
    const etag = response.headers.get("ETag");
    if (etag) this.kept.set(url, { etag, body });
    return body as AnswerOf<P, F>;
  }

  /** Forget every kept body (e.g. after switching language or key). */
  forget(): void {
    this.kept.clear();
  }

  private url(path: string, pathParams?: object, query?: object): string {
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = (pathParams as Record<string, unknown> | undefined)?.[name];
      if (value === undefined) throw new TypeError(`Missing path parameter "${name}" for ${path}`);
      return encodeURIComponent(String(value));
    });
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      // The API reads a list as one comma-separated value (`body_region=elbow,knee`).
      search.append(name, Array.isArray(value) ? value.join(",") : String(value));
    }
    const encoded = search.toString();
    return `${this.baseUrl}${filled}${encoded ? `?${encoded}` : ""}`;
  }
}

async function problemOf(response: Response): Promise<ProblemError> {
  const type = response.headers.get("Content-Type") ?? "";
  if (type.startsWith("application/problem+json")) {
    return new ProblemError((await response.json()) as Problem);
  }
  // Something in front of the API (a proxy, a CDN) answered instead.
  return new ProblemError({
    type: "about:blank",
    title: response.statusText || "HTTP error",
    status: response.status,
    detail: `Unexpected ${response.status} response (${type || "no content type"}).`,
  });
}
