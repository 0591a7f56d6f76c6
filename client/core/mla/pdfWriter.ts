import type PDFDocument from "pdfkit";

/**
 * A small writer over pdfkit for the printed MLA request: headings, labelled fields and
 * paragraphs, left to right or right to left.
 *
 * pdfkit shapes Arabic through fontkit (joining forms, lam-alef) but has no bidirectional
 * algorithm: a whole line given to it is laid out as one run, which breaks mixed Arabic and Latin
 * text and word spacing. For right-to-left text this writer therefore breaks lines itself and
 * draws word by word from the right margin, in logical order: Arabic words are shaped by pdfkit,
 * runs of Latin words and numbers are kept left to right, and a text extractor reads the words in
 * the order they were written. See docs/mla.md for what this does not cover.
 */

/**
 * What differs between Node and the browser: pdfkit's build and where the fonts come from. The
 * writer itself imports no pdfkit build, so that the web app can load its own.
 */
export interface PdfKit {
  /** pdfkit's document class: the Node build (`./pdf.ts`) or the browser build (web app). */
  readonly PDFDocument: typeof PDFDocument;
  /**
   * DejaVu Sans, regular and bold, as paths pdfkit reads: files in Node, paths registered with
   * pdfkit's `registerFile` in the browser.
   */
  readonly fonts: { readonly regular: string; readonly bold: string };
}

const margin = 56;
const arabicLetters = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

/** Whether a word is drawn right to left (it contains Arabic letters). */
const isRightToLeft = (word: string): boolean => arabicLetters.test(word);

const mirrored: Readonly<Record<string, string>> = {
  "(": ")",
  ")": "(",
  "[": "]",
  "]": "[",
  "{": "}",
  "}": "{",
  "«": "»",
  "»": "«",
};

/**
 * fontkit reverses the glyphs of an Arabic word without mirroring its brackets (Unicode
 * BidiMirrored), so `(مشتبه` would print with its parenthesis facing outwards: swap them first.
 */
const mirrorBrackets = (word: string): string =>
  word.replace(/[()[\]{}«»]/g, (bracket) => mirrored[bracket] ?? bracket);

/** Metadata of the produced file. */
export interface PdfInfo {
  title: string;
  createdAt: Date;
}

/** Writes a document top to bottom in one direction; `finish` resolves with its bytes. */
export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Uint8Array[] = [];
  private readonly ended: Promise<void>;

  constructor(
    pdfkit: PdfKit,
    private readonly rightToLeft: boolean,
    info: PdfInfo,
  ) {
    this.doc = new pdfkit.PDFDocument({
      size: "A4",
      margin,
      bufferPages: true,
      info: { Title: info.title, CreationDate: info.createdAt },
      // DejaVu from the start: pdfkit's default (Helvetica) is not bundled in its browser build.
      font: pdfkit.fonts.regular,
    });
    this.doc.registerFont("regular", pdfkit.fonts.regular);
    this.doc.registerFont("bold", pdfkit.fonts.bold);
    // Node's build emits Buffers, the browser's Uint8Arrays: both are Uint8Arrays.
    this.doc.on("data", (chunk: Uint8Array) => this.chunks.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on("end", () => resolve());
      this.doc.on("error", reject);
    });
  }

  /** The document's title, centred. */
  title(text: string): void {
    this.paragraph(text, { font: "bold", size: 15, align: "center" });
    this.space(8);
  }

  /** A section heading. */
  heading(text: string): void {
    this.space(8);
    this.paragraph(text, { font: "bold", size: 12 });
    this.space(2);
  }

  /** `label: value` on one paragraph; nothing when the value is empty. */
  field(label: string, value: string | undefined): void {
    if (value === undefined || value.trim() === "") return;
    this.paragraph(`${label}: ${value}`);
  }

  /** A paragraph of body text; line breaks in `text` start new lines. */
  paragraph(
    text: string,
    options: { font?: "regular" | "bold"; size?: number; align?: "center" } = {},
  ): void {
    const size = options.size ?? 10;
    this.doc.font(options.font ?? "regular").fontSize(size);
    for (const line of text.split(/\r?\n/)) {
      if (this.rightToLeft) this.rightToLeftParagraph(line, options.align);
      else {
        this.doc.text(line, margin, this.doc.y, {
          width: this.width(),
          align: options.align ?? "left",
        });
      }
    }
  }

  /** Vertical space, in points. */
  space(points: number): void {
    this.doc.y += points;
  }

  /** Numbers the pages (`label i / n`) and resolves with the PDF's bytes. */
  async finish(pageLabel: string): Promise<Uint8Array> {
    const range = this.doc.bufferedPageRange();
    for (let index = 0; index < range.count; index++) {
      this.doc.switchToPage(range.start + index);
      // Drawing inside the bottom margin would otherwise make pdfkit open a new page.
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.font("regular").fontSize(8);
      this.doc.text(
        `${pageLabel} ${index + 1} / ${range.count}`,
        margin,
        this.doc.page.height - 36,
        {
          width: this.width(),
          align: "center",
          lineBreak: false,
        },
      );
      this.doc.page.margins.bottom = bottom;
    }
    this.doc.end();
    await this.ended;
    const bytes = new Uint8Array(this.chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let offset = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  }

  private width(): number {
    return this.doc.page.width - 2 * margin;
  }

  /** Breaks `text` into lines that fit and draws each from the right margin. */
  private rightToLeftParagraph(text: string, align: "center" | undefined, breakPages = true): void {
    const words = text.split(/\s+/).filter((word) => word !== "");
    const space = this.doc.widthOfString(" ");
    const lineHeight = this.doc.currentLineHeight(true);
    if (words.length === 0) {
      this.doc.y += lineHeight;
      return;
    }
    let line: string[] = [];
    let lineWidth = 0;
    const flush = () => {
      this.rightToLeftLine(line, lineWidth, lineHeight, align, breakPages);
      line = [];
      lineWidth = 0;
    };
    for (const word of words) {
      const width = this.doc.widthOfString(word);
      const added = line.length === 0 ? width : lineWidth + space + width;
      if (line.length > 0 && added > this.width()) flush();
      lineWidth = line.length === 0 ? width : lineWidth + space + width;
      line.push(word);
    }
    flush();
  }

  /**
   * Draws one line right to left. Consecutive left-to-right words (Latin, numbers) form a run
   * that keeps its own order; every word is drawn in logical order.
   */
  private rightToLeftLine(
    words: string[],
    lineWidth: number,
    lineHeight: number,
    align: "center" | undefined,
    breakPages: boolean,
  ): void {
    if (breakPages && this.doc.y + lineHeight > this.doc.page.height - margin) this.doc.addPage();
    const y = this.doc.y;
    const space = this.doc.widthOfString(" ");
    const right = this.doc.page.width - margin;
    let cursor = align === "center" ? right - (this.width() - lineWidth) / 2 : right;
    let index = 0;
    while (index < words.length) {
      const run: string[] = [];
      while (index < words.length && !isRightToLeft(words[index] ?? "")) {
        run.push(words[index] ?? "");
        index++;
      }
      if (run.length === 0) {
        const word = words[index] ?? "";
        index++;
        const width = this.doc.widthOfString(word);
        cursor -= width;
        this.doc.text(mirrorBrackets(word), cursor, y, { lineBreak: false });
        cursor -= space;
        continue;
      }
      const runWidth =
        run.reduce((sum, word) => sum + this.doc.widthOfString(word), 0) + space * (run.length - 1);
      let x = cursor - runWidth;
      for (const word of run) {
        this.doc.text(word, x, y, { lineBreak: false });
        x += this.doc.widthOfString(word) + space;
      }
      cursor -= runWidth + space;
    }
    this.doc.x = margin;
    this.doc.y = y + lineHeight;
  }
}
