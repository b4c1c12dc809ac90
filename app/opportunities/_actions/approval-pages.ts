// The pages an approval request shows on, which a submission, a decision or a withdrawal changes:
// the desk's queue and request pages (and the navigation's count), the deal's page, the board's
// card and the home page's count of pending approvals.
import { revalidatePath } from "next/cache";

export function revalidateApprovalPages(request: { id: string; opportunity: { id: string } } | { id: string; opportunityId: string }): void {
  const dealId = "opportunity" in request ? request.opportunity.id : request.opportunityId;
  revalidatePath("/deal-desk", "layout");
  revalidatePath(`/deal-desk/${request.id}`);
  revalidatePath(`/opportunities/${dealId}`);
  revalidatePath("/board");
  revalidatePath("/");
}
