// The outgoing channels' state and their test messages, as the API takes and answers them
// (docs/rules/integrations.md).
import { z } from "zod";

export const TEST_CHANNELS = ["slack", "email"] as const;
export type TestChannel = (typeof TEST_CHANNELS)[number];

export const ChannelStatus = z
  .object({
    channel: z.enum(TEST_CHANNELS),
    configured: z.boolean(),
    /** The environment variables the channel needs, by name. */
    variables: z.array(z.string()),
    /** Where it sends, without secrets: Slack's host, the SMTP server's host and port and the sender's address. */
    target: z.string().nullable(),
  })
  .meta({ id: "ChannelStatus" });
export type ChannelStatus = z.infer<typeof ChannelStatus>;

export const IntegrationsStatus = z.object({ channels: z.array(ChannelStatus) }).meta({ id: "IntegrationsStatus" });
export type IntegrationsStatus = z.infer<typeof IntegrationsStatus>;

export const TestMessageRequest = z
  .object({ channel: z.enum(TEST_CHANNELS, { error: `one of ${TEST_CHANNELS.join(", ")}` }) })
  .strict()
  .meta({ id: "TestMessageRequest" });
export type TestMessageRequest = z.infer<typeof TestMessageRequest>;

export const TestMessageResponse = z
  .object({
    /** The outbox message that carries it: its status and tries are on the outbox page and GET /outbox. */
    messageId: z.string(),
    channel: z.enum(TEST_CHANNELS),
    /** Who it goes to: the Slack channel of the incoming webhook, or the admin's own address. */
    to: z.string(),
    configured: z.boolean(),
  })
  .meta({ id: "TestMessageResponse" });
export type TestMessageResponse = z.infer<typeof TestMessageResponse>;
