// The dashboard's sections, in the order the page shows them. A new figure is a new section: its
// component (SectionProps in, a DashboardSection out) and one line here.
import type { ComponentType } from "react";
import { BalanceSection } from "./balance";
import { ConversionSection } from "./conversion";
import { ForecastSection } from "./forecast";
import { IntegritySection } from "./integrity";
import { LossesSection } from "./losses";
import { MovementSection } from "./movement";
import { SlippageSection } from "./slippage";
import { SizeMixSection } from "./size-mix";
import type { SectionProps } from "./types";
import { ValueFactorSection } from "./value-factor";
import { VelocitySection } from "./velocity";
import { WinRatesSection } from "./win-rates";

export const SECTIONS: { id: string; Component: ComponentType<SectionProps> }[] = [
  { id: "win-rates", Component: WinRatesSection },
  { id: "conversion", Component: ConversionSection },
  { id: "velocity", Component: VelocitySection },
  { id: "balance", Component: BalanceSection },
  { id: "size-mix", Component: SizeMixSection },
  { id: "value-factor", Component: ValueFactorSection },
  { id: "forecast", Component: ForecastSection },
  { id: "integrity", Component: IntegritySection },
  { id: "losses", Component: LossesSection },
  { id: "slippage", Component: SlippageSection },
  { id: "movement", Component: MovementSection },
];
