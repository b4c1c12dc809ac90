import { CheckIcon } from "@/src/ui/icons";

/** Met or not, for a criterion the app checks itself (or any criterion, read-only). */
export function CriterionStatus({ met }: { met: boolean }) {
  return met ? (
    <span className="mt-0.5 flex size-[18px] shrink-0 items-center justify-center rounded-full bg-emerald-600 text-white">
      <CheckIcon className="size-3" />
      <span className="sr-only">Met:</span>
    </span>
  ) : (
    <span className="mt-0.5 size-[18px] shrink-0 rounded-full border-2 border-dashed border-zinc-400">
      <span className="sr-only">Not met:</span>
    </span>
  );
}
