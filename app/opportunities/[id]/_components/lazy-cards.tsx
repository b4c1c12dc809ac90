"use client";

// Only a won deal has its closing checklist and only a lost one its plays, and only a process with
// qualification questions has their card: declared here, in a client module, their code (and the
// dialogs inside them, Radix Dialog among it) is a chunk of its own that loads with those deals, not
// with every deal's page (docs/performance.md, "Page weight").
import dynamic from "next/dynamic";

export const ClosingChecklist = dynamic(() => import("./closing/closing-checklist").then((m) => m.ClosingChecklist));
export const PlaysCard = dynamic(() => import("./plays-card").then((m) => m.PlaysCard));
export const QualificationCard = dynamic(() => import("./qualification-card").then((m) => m.QualificationCard));
