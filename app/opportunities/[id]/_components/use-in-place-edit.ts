"use client";

import { useEffect, useRef, useState } from "react";

/**
 * Whether a value is being edited in place, and the Edit button that opens the editor: when the
 * editor closes (saved or cancelled), focus goes back to that button once it is on screen again.
 */
export function useInPlaceEdit() {
  const editButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    if (editing || !refocus.current) return;
    refocus.current = false;
    editButton.current?.focus();
  }, [editing]);

  return {
    editing,
    editButton,
    open: () => setEditing(true),
    close: () => {
      setEditing(false);
      refocus.current = true;
    },
  };
}
