import { describe, expect, test } from "vitest";
import {
  DEFAULT_SLACK_TEMPLATE,
  DEFAULT_WELCOME_TEMPLATE,
  renderTemplate,
  slackMessage,
  slackValues,
  templateProblems,
  welcomeMessage,
} from "../../../src/domain/closing/templates";

const won = {
  name: "Envoy <platform> & co",
  accountName: "Envoy",
  amount: 48_500,
  currency: "USD",
  ownerName: "Dana Reyes",
  whyWon: "Our stage path <!channel> beat theirs",
  createdOn: "2026-09-01",
  closedOn: "2026-11-30",
};

describe("template problems", () => {
  test("the shipped templates have none", () => {
    expect(templateProblems("slack", DEFAULT_SLACK_TEMPLATE.text)).toEqual([]);
    for (const part of Object.values(DEFAULT_WELCOME_TEMPLATE)) expect(templateProblems("welcome", part)).toEqual([]);
  });

  test("an unknown placeholder is named, with the ones this template knows", () => {
    const [problem] = templateProblems("slack", "Won {{deal}} by {{contact}}");
    expect(problem).toContain("{{contact}} is not a placeholder here");
    expect(problem).toContain("{{whyWon}}");
    expect(templateProblems("welcome", "Hello {{contact}}")).toEqual([]);
  });

  test("sections, partials and unescaped tags are refused", () => {
    expect(templateProblems("slack", "{{#deal}}x{{/deal}}")).toHaveLength(1);
    expect(templateProblems("slack", "{{>deal}}")).toHaveLength(1);
    expect(templateProblems("slack", "{{{deal}}}")[0]).toContain("{{&deal}}");
    expect(templateProblems("slack", "{{=<% %>=}}")).toHaveLength(1);
  });

  test("a tag left open is a problem, not an exception", () => {
    expect(templateProblems("slack", "Won {{deal")[0]).toMatch(/cannot be read/);
  });

  test("a comment is allowed", () => {
    expect(templateProblems("slack", "{{! for #wins }}Won {{deal}}")).toEqual([]);
  });
});

describe("rendering", () => {
  test("values are escaped for where they land", () => {
    expect(renderTemplate("{{deal}}", { deal: "<b>&</b>" }, "plain")).toBe("<b>&</b>");
    expect(renderTemplate("{{deal}}", { deal: "<b>&</b>" }, "html")).toBe("&lt;b&gt;&amp;&lt;&#x2F;b&gt;");
    expect(renderTemplate("{{deal}}", { deal: "<!channel> & co" }, "slack")).toBe("&lt;!channel&gt; &amp; co");
  });

  test("the template's own markup is kept", () => {
    expect(renderTemplate("*{{deal}}* <{{deal}}>", { deal: "A" }, "slack")).toBe("*A* <A>");
  });

  test("the #wins post has Block Kit and the same words as its text fallback", () => {
    const values = slackValues(won);
    expect(values).toMatchObject({ amount: "$48,500.00", daysInPipeline: "90", owner: "Dana Reyes" });
    const message = slackMessage(DEFAULT_SLACK_TEMPLATE, values);
    expect(message.text).toContain("*Envoy &lt;platform&gt; &amp; co* is closed won: $48,500.00 with Envoy, by Dana Reyes after 90 days");
    expect(message.text).toContain("&lt;!channel&gt;");
    expect(message.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: message.text } });
    expect(message.blocks[1]).toMatchObject({ type: "context" });
  });

  test("a deal closed the day it was created has been in the pipeline 0 days, never fewer", () => {
    expect(slackValues({ ...won, closedOn: won.createdOn }).daysInPipeline).toBe("0");
    expect(slackValues({ ...won, closedOn: "2026-08-31" }).daysInPipeline).toBe("0");
  });

  test("the welcome e-mail's subject is one line and its HTML escapes values", () => {
    const values = { contact: "Ana <Ops>", account: "Envoy\nInc", deal: "d", owner: "Dana", ownerEmail: "dana@example.com" };
    const mail = welcomeMessage(DEFAULT_WELCOME_TEMPLATE, values);
    expect(mail.subject).toBe("Welcome aboard, Envoy Inc");
    expect(mail.text).toContain("Hello Ana <Ops>,");
    expect(mail.html).toContain("<p>Hello Ana &lt;Ops&gt;,</p>");
  });
});
