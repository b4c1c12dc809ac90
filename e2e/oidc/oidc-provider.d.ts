// oidc-provider ships no types (and @types/oidc-provider is not installed): the little provider.ts uses.
declare module "oidc-provider" {
  type Account = { accountId: string; claims(use: string, scope: string): Promise<Record<string, unknown>> };
  type Configuration = {
    clients: Record<string, unknown>[];
    claims: Record<string, string[]>;
    conformIdTokenClaims: boolean;
    features: Record<string, { enabled: boolean }>;
    cookies: { keys: string[] };
    findAccount(ctx: unknown, sub: string): Promise<Account | undefined>;
  };
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    listen(port: number, callback?: () => void): unknown;
  }
}
