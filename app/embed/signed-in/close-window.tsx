"use client";

import { useEffect } from "react";

/** Closes the sign-in pop-up; the frame that opened it sees it close and reloads. */
export function CloseWindow() {
  useEffect(() => {
    window.close();
  }, []);
  return null;
}
