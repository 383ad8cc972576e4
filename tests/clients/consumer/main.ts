// A consumer of the packed package: type-checked under NodeNext and Bundler,
// then compiled and run by node against a live server (run.mjs).
import {
  ImsClient,
  ProblemError,
  type AnswerOf,
  type Condition,
} from "@ims/content-api-client";

// A page without `fields`: every item whole.
type ConditionsPage = AnswerOf<"/api/v1/conditions/">;

export interface Seen {
  count: number;
  slug: string | undefined;
  keptOn304: boolean;
  problem: string;
  statuses: number[];
}

export async function tour(baseUrl: string): Promise<Seen> {
  const statuses: number[] = [];
  const api = new ImsClient({
    baseUrl,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    },
  });
  const page: ConditionsPage = await api.get("/api/v1/conditions/", { query: { limit: 1 } });
  const first: Condition | undefined = page.results[0];
  const again = await api.get("/api/v1/conditions/", { query: { limit: 1 } });
  let problem = "";
  try {
    await api.get("/api/v1/conditions/{slug}/", { path: { slug: "no-such-condition" } });
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    problem = `${error.status} ${error.problem.title}`;
  }
  return { count: page.count, slug: first?.slug, keptOn304: again === page, problem, statuses };
}
