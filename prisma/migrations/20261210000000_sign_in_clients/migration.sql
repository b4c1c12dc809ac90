-- Clients users signed in from: they stay exempt from the per-account ceiling on failed sign-ins.
-- CreateTable
CREATE TABLE "SignInClient" (
    "userId" TEXT NOT NULL,
    "client" TEXT NOT NULL,
    "lastSignInAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInClient_pkey" PRIMARY KEY ("userId","client")
);

-- AddForeignKey
ALTER TABLE "SignInClient" ADD CONSTRAINT "SignInClient_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

