// The limits on password sign-in (docs/security.md, "Sign-in limits and security log"). The hard one
// is keyed on account and client together, so a stranger's failures never lock the owner out of their
// own client; one client is limited across accounts (password spraying); and each account has a
// much higher ceiling over a day, which clients the account signed in from recently are exempt from.
import type { Reader } from "../db";
import { clearAttempts, countAttempt, countIfOver, forgiveAttempt, type Attempt, type RateLimit } from "../rate-limit";

/** Attempts on one account from one client in 15 minutes; a success clears them. */
export const PER_ACCOUNT_AND_CLIENT: RateLimit = { limit: 5, windowSeconds: 15 * 60 };
/** Distinct accounts one client may fail on in 15 minutes. */
export const ACCOUNTS_PER_CLIENT: RateLimit = { limit: 10, windowSeconds: 15 * 60 };
/** Failed attempts on one account in a day, from all clients together (NIST SP 800-63B's upper bound). */
export const PER_ACCOUNT: RateLimit = { limit: 100, windowSeconds: 24 * 60 * 60 };
/** How long a client a user signed in from stays exempt from PER_ACCOUNT. */
export const KNOWN_CLIENT_DAYS = 30;

export type SignInLimit = "account_and_client" | "accounts_per_client" | "account";
export type SignInRefusal = { limit: SignInLimit; retryAfterSeconds: number; lockStarted: boolean };
/** `client` is a client key (client-address.ts), null when the client's address is unknown. */
export type SignInAttempt = { email: string; client: string | null; userId: string | null };

/** The counters' keys. A client key never contains "|", so no two pairs of client and e-mail share a key. */
export const signInKeys = (email: string, client: string | null) => ({
  pair: `signin:pair:${client ?? "unknown"}|${email}`,
  accounts: client ? `signin:accounts:${client}` : null,
  account: `signin:account:${email}`,
});

const refusal = (limit: SignInLimit, attempt: Attempt, rule: RateLimit): SignInRefusal => ({
  limit,
  retryAfterSeconds: attempt.retryAfterSeconds,
  lockStarted: attempt.count === rule.limit + 1,
});

async function isKnownClient(tx: Reader, userId: string, client: string, now: Date): Promise<boolean> {
  const known = await tx.signInClient.findUnique({ where: { userId_client: { userId, client } } });
  return !!known && known.lastSignInAt.getTime() > now.getTime() - KNOWN_CLIENT_DAYS * 86_400_000;
}

/**
 * Counts a sign-in attempt under each limit before its password is checked (see countAttempt) and
 * answers the limit that refuses it, or null. A client over ACCOUNTS_PER_CLIENT is refused before
 * its pair is counted, so a refused spray adds no rows. A client's accounts are counted once each:
 * when its attempt on an account is the first in that pair's window.
 */
export async function admitSignIn(tx: Reader, attempt: SignInAttempt, now = new Date()): Promise<SignInRefusal | null> {
  const keys = signInKeys(attempt.email, attempt.client);
  if (keys.accounts) {
    const over = await countIfOver(tx, keys.accounts, ACCOUNTS_PER_CLIENT, now);
    if (over) return refusal("accounts_per_client", over, ACCOUNTS_PER_CLIENT);
  }
  const pair = await countAttempt(tx, keys.pair, PER_ACCOUNT_AND_CLIENT, now);
  if (pair.retryAfterSeconds > 0) return refusal("account_and_client", pair, PER_ACCOUNT_AND_CLIENT);
  if (keys.accounts && pair.count === 1) {
    const accounts = await countAttempt(tx, keys.accounts, ACCOUNTS_PER_CLIENT, now);
    if (accounts.retryAfterSeconds > 0) return refusal("accounts_per_client", accounts, ACCOUNTS_PER_CLIENT);
  }
  const account = await countAttempt(tx, keys.account, PER_ACCOUNT, now);
  if (account.retryAfterSeconds > 0) {
    const isExempt = !!attempt.userId && !!attempt.client && (await isKnownClient(tx, attempt.userId, attempt.client, now));
    if (!isExempt) return refusal("account", account, PER_ACCOUNT);
  }
  return null;
}

/** A success: the pair's failures are forgiven, this attempt is taken back from the other counts, and the client becomes known. */
export async function recordSignIn(tx: Reader, attempt: SignInAttempt & { userId: string }, now = new Date()): Promise<void> {
  const keys = signInKeys(attempt.email, attempt.client);
  await clearAttempts(tx, keys.pair);
  if (keys.accounts) await forgiveAttempt(tx, keys.accounts);
  await forgiveAttempt(tx, keys.account);
  if (attempt.client) {
    const { userId, client } = attempt;
    await tx.signInClient.upsert({
      where: { userId_client: { userId, client } },
      create: { userId, client, lastSignInAt: now },
      update: { lastSignInAt: now },
    });
  }
}
