// The multipart parser Next.js decodes server actions with ships without types: what the proxy uses of it.
declare module "next/dist/compiled/busboy" {
  import type { Readable } from "node:stream";

  type FileInfo = { filename?: string; encoding: string; mimeType: string };
  type Busboy = {
    on(event: "field", listener: (name: string, value: string) => void): Busboy;
    on(event: "file", listener: (name: string, stream: Readable, info: FileInfo) => void): Busboy;
    on(event: "error", listener: (error: Error) => void): Busboy;
    on(event: "close", listener: () => void): Busboy;
    end(chunk: Uint8Array): void;
  };
  export default function busboy(options: { headers: Record<string, string>; defParamCharset?: string; limits?: { fieldSize?: number } }): Busboy;
}
