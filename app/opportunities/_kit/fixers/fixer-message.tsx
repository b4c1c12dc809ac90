import { AlertIcon, CheckIcon } from "@/src/ui/icons";

/** What a fix did, or why it was refused, under its control. */
export function FixerMessage({ id, error, success }: { id: string; error: string | null; success?: string | null }) {
  if (error)
    return (
      <p id={id} role="alert" className="flex gap-1.5 text-[13px] text-red-700">
        <AlertIcon className="mt-0.5 size-3.5 shrink-0" />
        {error}
      </p>
    );
  if (success)
    return (
      <p id={id} role="status" className="flex gap-1.5 text-[13px] text-emerald-800">
        <CheckIcon className="mt-0.5 size-3.5 shrink-0" />
        {success}
      </p>
    );
  return null;
}
