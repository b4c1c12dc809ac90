"use server";

// The People pages' writes (docs/rules/people.md), each through the API's schema and use case: admins
// only, every problem by field, every change in the audit log.
import { refresh } from "next/cache";
import { z } from "zod";
import { type ActionResult, runAction } from "@/src/http/action-result";
import { Id } from "@/src/schemas/common";
import {
  CreateTeamRequest,
  InviteUserRequest,
  ReassignDealsRequest,
  type ReassignDealsResponse,
  UpdateTeamRequest,
  UpdateUserRequest,
} from "@/src/schemas/users";
import { createTeam } from "@/src/server/teams/create-team";
import { updateTeam } from "@/src/server/teams/update-team";
import { inviteUser, resendInvitation } from "@/src/server/users/invitations";
import { reassignDeals } from "@/src/server/users/reassign-deals";
import { updateUser } from "@/src/server/users/update-user";

async function thenRefresh<T>(result: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const done = await result;
  if (done.ok) refresh();
  return done;
}

export async function inviteUserAction(input: unknown): Promise<ActionResult<{ id: string; email: string }>> {
  return thenRefresh(
    runAction(InviteUserRequest, input, async (actor, body) => {
      const { user } = await inviteUser(actor, body);
      return { id: user.id, email: user.email };
    }),
  );
}

const ById = z.object({ id: Id }).strict();

export async function resendInvitationAction(input: unknown): Promise<ActionResult<{ expiresAt: string }>> {
  return thenRefresh(runAction(ById, input, async (actor, { id }) => ({ expiresAt: (await resendInvitation(actor, id)).expiresAt })));
}

const UpdateUserInput = z.object({ id: Id, changes: UpdateUserRequest }).strict();

export async function updateUserAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return thenRefresh(runAction(UpdateUserInput, input, async (actor, { id, changes }) => ({ id: (await updateUser(actor, id, changes)).id })));
}

const ReassignInput = z.object({ id: Id, request: ReassignDealsRequest }).strict();

export async function reassignDealsAction(input: unknown): Promise<ActionResult<ReassignDealsResponse>> {
  return thenRefresh(runAction(ReassignInput, input, (actor, { id, request }) => reassignDeals(actor, id, request)));
}

export async function createTeamAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return thenRefresh(runAction(CreateTeamRequest, input, async (actor, body) => ({ id: (await createTeam(actor, body)).id })));
}

const UpdateTeamInput = z.object({ id: Id, changes: UpdateTeamRequest }).strict();

export async function updateTeamAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return thenRefresh(runAction(UpdateTeamInput, input, async (actor, { id, changes }) => ({ id: (await updateTeam(actor, id, changes)).id })));
}
