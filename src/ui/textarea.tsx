import type { ComponentProps } from "react";
import { cx } from "./cx";
import { inputBase } from "./field";

/** A multi-line text input with the look of Input. */
export function Textarea({ invalid, className, rows = 3, ...props }: ComponentProps<"textarea"> & { invalid?: boolean }) {
  return (
    <textarea
      rows={rows}
      aria-invalid={invalid || undefined}
      className={cx(inputBase, "resize-y py-2 leading-relaxed", invalid ? "border-red-500" : "border-line-strong hover:border-zinc-400", className)}
      {...props}
    />
  );
}
