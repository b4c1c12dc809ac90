import Link from "next/link";
import { ExternalIcon } from "@/src/ui/icons";
import { useWriter } from "../deal-writer";

type Props = { label: string; text: string; hash: string; detail?: string; onLeave?: () => void };

/** A criterion met elsewhere on the deal page (an approval has its own flow; a few fields have no control here). */
export function DealPageLink({ label, text, hash, detail, onLeave }: Props) {
  const { id } = useWriter();
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium text-ink">{label}</p>
      {detail ? <p className="text-[13px] text-ink-muted">{detail}</p> : null}
      <Link
        href={`/opportunities/${id}#${hash}`}
        onClick={onLeave}
        className="inline-flex items-center gap-1 rounded text-[13px] font-medium text-accent hover:text-accent-hover hover:underline"
      >
        {text}
        <ExternalIcon className="size-3.5" />
      </Link>
    </div>
  );
}
