// Calls the contract does not allow; each must be a compile error naming what is wrong.
import { ImsClient } from "@ims/content-api-client";

export async function wrong(api: ImsClient): Promise<void> {
  await api.get("/api/v1/condition/{slug}/", { path: { slug: "tennis-elbow" } });
  await api.get("/api/v1/patients/");
}
