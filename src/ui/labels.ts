import type { DeskGroup, Role } from "../auth/permissions";

export const ROLE_LABELS: Record<Role, string> = {
  rep: "Sales rep",
  manager: "Sales manager",
  deal_desk: "Deal desk",
  admin: "Admin",
};

export const GROUP_LABELS: Record<DeskGroup | "sales_manager", string> = {
  finance: "Finance",
  legal: "Legal",
  sales_ops: "Sales operations",
  sales_manager: "Sales manager",
};
