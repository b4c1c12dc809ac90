import NextAuth from "next-auth";
import { authOptions } from "@/src/auth/next-auth-options";
import { clientAddress } from "@/src/auth/request-actor";
import { withClientAddress } from "@/src/server/audit/request-context";

// Sign-in's callbacks know the client's address (for the audit log of single sign-on attempts).
const handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> =>
  withClientAddress(clientAddress(req), async (): Promise<Response> => NextAuth(authOptions())(req, ctx));

export { handler as GET, handler as POST };
