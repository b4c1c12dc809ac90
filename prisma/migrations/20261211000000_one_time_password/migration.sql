-- A user signed in with a password someone else saw (the first admin's, printed once) must choose
-- their own before anything else.
ALTER TABLE "User" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
