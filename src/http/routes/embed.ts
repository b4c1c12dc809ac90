import { EmbedSettings, EmbedSettingsRequest } from "../../schemas/embed";
import { changeEmbedSettings, readEmbedSettings } from "../../server/embed/embed-settings";
import { apiRoute } from "../api-route";

const tag = "Embed";

export const getEmbedSettingsRoute = apiRoute(
  {
    method: "GET",
    path: "/embed/settings",
    summary:
      "The origins whose pages may frame the embeddable stage path (/embed/...), and whether they come from the setting or EMBED_ORIGINS (admin).",
    tag,
    response: EmbedSettings,
    errors: ["FORBIDDEN"],
  },
  async ({ actor }) => readEmbedSettings(actor),
);

export const putEmbedSettingsRoute = apiRoute(
  {
    method: "PUT",
    path: "/embed/settings",
    summary:
      "Replace the origins that may frame the embed (https://host[:port], or http on localhost), effective at the next embed page; an empty list lets no page frame it (admin).",
    tag,
    body: EmbedSettingsRequest,
    response: EmbedSettings,
    errors: ["FORBIDDEN", "VALIDATION_FAILED"],
  },
  async ({ actor, body }) => changeEmbedSettings(actor, body),
);
