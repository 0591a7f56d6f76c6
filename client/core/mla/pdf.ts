import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { MlaRequest } from "#shared/mla/request";
import type { PdfKit } from "./pdfWriter.ts";
import { layOutMlaRequestPdf } from "./requestPdf.ts";

const require = createRequire(import.meta.url);

/** Node's pdfkit, reading DejaVu Sans from the `dejavu-fonts-ttf` package. */
const nodePdfKit: PdfKit = {
  PDFDocument,
  fonts: {
    regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
    bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
  },
};

/**
 * Renders an MLA request as a printable A4 PDF (`relais mla pdf`); see
 * {@link layOutMlaRequestPdf}. The web app lays out the same document with pdfkit's browser build.
 */
export function renderMlaRequestPdf(request: MlaRequest): Promise<Uint8Array> {
  return layOutMlaRequestPdf(request, nodePdfKit);
}
