/** The sharing procedures: validation in, plain service functions do the work. */
import { authedProcedure, router } from "../trpc";
import {
  addMemberInput,
  memberListOutput,
  memberOutput,
  notebookMembersInput,
  removeMemberInput,
  removeMemberOutput,
  setRoleInput,
  setVisibilityInput,
  visibilityOutput,
} from "./schemas";
import { addMember, listMembers, removeMember, setMemberRole, setVisibility } from "./service";

export const membersRouter = router({
  list: authedProcedure
    .input(notebookMembersInput)
    .output(memberListOutput)
    .query(({ ctx, input }) => listMembers(ctx, input.notebookId)),
  add: authedProcedure
    .input(addMemberInput)
    .output(memberOutput)
    .mutation(({ ctx, input }) => addMember(ctx, input.notebookId, input.email, input.role)),
  setRole: authedProcedure
    .input(setRoleInput)
    .output(memberOutput)
    .mutation(({ ctx, input }) => setMemberRole(ctx, input.notebookId, input.userId, input.role)),
  remove: authedProcedure
    .input(removeMemberInput)
    .output(removeMemberOutput)
    .mutation(({ ctx, input }) => removeMember(ctx, input.notebookId, input.userId)),
  setVisibility: authedProcedure
    .input(setVisibilityInput)
    .output(visibilityOutput)
    .mutation(({ ctx, input }) => setVisibility(ctx, input.notebookId, input.visibility)),
});
