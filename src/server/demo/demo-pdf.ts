// The bytes of the demo's documents: a one-page PDF of a few lines of text, written out by hand (a
// catalog, its page tree, one page, the Helvetica font the viewer already has, and the page's text),
// with the cross-reference table counted from the objects' byte offsets, as a reader expects it.

export type PdfLine = { text: string; size: number };

/** PDF strings in the standard fonts are single bytes: accents dropped, anything else a question mark. */
function pdfText(text: string): string {
  const ascii = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "?");
  return `(${ascii.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** A US Letter page with the lines from the top, each in Helvetica at its size. */
export function onePagePdf(lines: readonly PdfLine[]): Uint8Array {
  let y = 720;
  const content = [
    "BT",
    ...lines.map((line, i) => {
      if (i > 0) y -= Math.round(line.size * 1.8);
      return `/F1 ${line.size} Tf 1 0 0 1 72 ${y} Tm ${pdfText(line.text)} Tj`;
    }),
    "ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  // Every character is ASCII, so a string's length is its length in bytes.
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  // Each entry is exactly 20 bytes: ten digits of offset, five of generation, its type, and a two-byte end of line.
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}
