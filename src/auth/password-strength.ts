// How strong a new password must be: at least 12 characters, and not easy to guess as zxcvbn
// estimates it (common and breached passwords, dictionary words, names, keyboard walks, dates,
// repeats and their l33t variants). Checked wherever a password is set, through NewPassword.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";

export const MIN_PASSWORD_LENGTH = 12;
/** zxcvbn's score, 0 to 4: 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | undefined; // built on first use: the dictionaries take a few hundred ms

/** What is wrong with a new password, in words for its owner; null when it will do. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `at least ${MIN_PASSWORD_LENGTH} characters`;
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary },
    graphs: adjacencyGraphs,
    translations,
    // The estimate's cost grows fast with length and l33t variants (over a second for 256 random
    // characters with the defaults): these bounds keep the worst case near 0.1 s. Characters past
    // the 64th are not estimated; they only add to the strength.
    maxLength: 64,
    l33tMaxSubstitutions: 10,
  });
  const { score, feedback } = estimator.check(password);
  if (score >= MIN_PASSWORD_SCORE) return null;
  const advice = [feedback.warning, ...feedback.suggestions].filter((s): s is string => !!s);
  return `too easy to guess: ${advice.length ? advice.join(" ") : "Add more words that are less common."}`;
}
