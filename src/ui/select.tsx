import type { ComponentProps } from "react";
import { cx } from "./cx";
import { inputBase } from "./field";

const chevron =
  "url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='%2352525b' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'%3E%3Cpath d='m7 10 5 5 5-5'/%3E%3C/svg%3E\")";

/** A native select with the look of Input, and its own chevron. */
export function Select({
  invalid,
  className,
  size = "md",
  style,
  ...props
}: Omit<ComponentProps<"select">, "size"> & { invalid?: boolean; size?: "sm" | "md" }) {
  return (
    <select
      aria-invalid={invalid || undefined}
      style={{ backgroundImage: chevron, ...style }}
      className={cx(
        inputBase,
        "appearance-none bg-[length:1rem] bg-[right_0.6rem_center] bg-no-repeat pr-8",
        size === "sm" ? "h-8 text-[13px]" : "h-10",
        invalid ? "border-red-500" : "border-line-strong hover:border-zinc-400",
        className,
      )}
      {...props}
    />
  );
}
