// The dashboard's sections, in the order the page shows them. A new figure is a new section: its
// component (SectionProps in, a DashboardSection out) and one line here.
import type { ComponentType } from "react";
import { BalanceSection } from "./balance";
import { ConversionSection } from "./conversion";
import { ForecastSection } from "./forecast";
import { IntegritySection } from "./integrity";
import { LossesSection } from "./losses";
import { SlippageSection } from "./slippage";
import type { SectionProps } from "./types";
import { VelocitySection } from "./velocity";
import { WinRatesSection } from "./win-rates";

export const SECTIONS: { id: string; Component: ComponentType<SectionProps> }[] = [
  { id: "win-rates", Component: WinRatesSection },
  { id: "conversion", Component: ConversionSection },
  { id: "velocity", Component: VelocitySection },
  { id: "balance", Component: BalanceSection },
  { id: "forecast", Component: ForecastSection },
  { id: "integrity", Component: IntegritySection },
  { id: "losses", Component: LossesSection },
  { id: "slippage", Component: SlippageSection },
];
