import regularFontUrl from "dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url";
import boldFontUrl from "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url";
import * as pdfkitModule from "pdfkit";
import type { PdfKit } from "#client/core/mla/pdfWriter";
import { layOutMlaRequestPdf } from "#client/core/mla/requestPdf";
import type { MlaRequest } from "#shared/mla/request";

/**
 * The MLA request's PDF made in the page: the CLI's layout (`layOutMlaRequestPdf`) on pdfkit's
 * browser build, which Vite picks through pdfkit's `exports` (no Node polyfills). The screens
 * load this module with `import()`, so pdfkit and fontkit stay out of the main bundle, and the
 * fonts are assets fetched the first time a PDF is made.
 */

/**
 * pdfkit 0.20's browser entry. `@types/pdfkit` (0.17) types the module as the document class
 * alone and lacks `registerFile`, which the browser build needs to read fonts from memory.
 */
interface PdfkitBrowserEntry {
  PDFDocument: PdfKit["PDFDocument"];
  registerFile(path: string, data: Uint8Array | undefined): void;
}
const pdfkit = pdfkitModule as unknown as PdfkitBrowserEntry;

/** Where the fonts are registered in pdfkit's in-memory files. */
const fontPaths = { regular: "fonts/DejaVuSans.ttf", bold: "fonts/DejaVuSans-Bold.ttf" } as const;

let fontsLoaded: Promise<void> | null = null;

async function fetchFont(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the PDF font ${url} answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Fetches DejaVu Sans once per page and registers it with pdfkit. */
function loadFonts(): Promise<void> {
  fontsLoaded ??= Promise.all([fetchFont(regularFontUrl), fetchFont(boldFontUrl)]).then(
    ([regular, bold]) => {
      pdfkit.registerFile(fontPaths.regular, regular);
      pdfkit.registerFile(fontPaths.bold, bold);
    },
    (error: unknown) => {
      // A later attempt may succeed (the connection is back): do not keep the failure.
      fontsLoaded = null;
      throw error;
    },
  );
  return fontsLoaded;
}

/** The request as the same A4 PDF as `relais mla pdf`, in the request's language. */
export async function renderMlaRequestPdfInBrowser(request: MlaRequest): Promise<Uint8Array> {
  await loadFonts();
  return layOutMlaRequestPdf(request, { PDFDocument: pdfkit.PDFDocument, fonts: fontPaths });
}
