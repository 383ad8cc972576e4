/**
 * Compile-time checks of the wrapper's typing, run by `tsc --noEmit` (`npm run check`);
 * also the shortest tour of how to call it. Never executed.
 */
import { ImsClient, ProblemError, type Condition, type Problem } from "./client.js";

export async function tour(api: ImsClient, chosen: string): Promise<string[]> {
  const elbow: Condition = await api.get("/api/v1/conditions/{slug}/", {
    path: { slug: "tennis-elbow" },
    query: { lang: "fr-ca", expand: "mechanisms,faqs" },
  });
  const page = await api.get("/api/v1/conditions/", {
    query: { body_region: ["elbow", "wrist-and-hand"], limit: 5 },
  });
  const names = await api.get("/api/v1/conditions/", { query: { fields: "slug, name" } });
  const picked: Array<{ slug: string; name: string }> = names.results;
  // @ts-expect-error `fields` left the summary out
  names.results.map((condition) => condition.summary);
  const unknown = await api.get("/api/v1/faqs/{slug}/", {
    path: { slug: "what-is-ims" },
    query: { fields: chosen },
  });
  // @ts-expect-error with `fields` known only at run time, any property may be absent
  const question: string = unknown.question;
  const bundle = await api.get("/api/v1/bundle/", { query: { lang: "en" } });
  const changes = await api.get("/api/v1/changes/", { query: { since: bundle.cursor } });

  // @ts-expect-error a detail needs its slug
  await api.get("/api/v1/conditions/{slug}/");
  // @ts-expect-error only the languages the API serves
  await api.get("/api/v1/bundle/", { query: { lang: "de" } });
  // @ts-expect-error not a path of the API
  await api.get("/api/v1/patients/");

  try {
    await api.get("/api/v1/faqs/{slug}/", { path: { slug: "no-such-faq" } });
  } catch (error) {
    if (error instanceof ProblemError) {
      const problem: Problem = error.problem;
      return problem.errors?.map((e) => e.message) ?? [problem.detail];
    }
    throw error;
  }
  return [
    ...picked.map((condition) => condition.name),
    question,
    elbow.attribution.canonical_url,
    ...page.results.map((condition) => condition.name),
    ...changes.events.map((event) => `${event.kind} ${event.type} ${event.slug}`),
  ];
}
