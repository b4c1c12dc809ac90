// One HTTP POST of a JSON body, its answer read as a delivery outcome. Slack and webhooks use it.
import { errorText, safeText, type SendResult } from "./sender";

// A request timeout (408), throttling (429) and server errors may pass; other 4xx answers refuse the
// message itself, and a redirect is not followed (the URL is what was configured or queued).
export const isTransient = (status: number) => status === 408 || status === 425 || status === 429 || status >= 500;

export async function postJson(url: string, body: unknown, headers: Record<string, string>, signal: AbortSignal): Promise<SendResult> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
      redirect: "manual",
      signal,
    });
    const text = await response.text().catch(() => "");
    if (response.status >= 200 && response.status < 300) return { status: "delivered", responseCode: response.status };
    return {
      status: "failed",
      responseCode: response.status,
      error: `HTTP ${response.status}${text ? `: ${safeText(text, 500)}` : ""}`,
      permanent: !isTransient(response.status),
    };
  } catch (error) {
    return { status: "failed", error: signal.aborted ? "No answer before the send timeout." : errorText(causeOf(error)) };
  }
}

/** fetch reports a refused connection as "fetch failed" with the reason in `cause`. */
const causeOf = (error: unknown) => (error instanceof Error && error.cause instanceof Error ? error.cause : error);
