import { useState } from "preact/hooks";
import type { MlaRequest } from "#shared/mla/request";
import { downloadBytes } from "../app/download.ts";
import { useAction } from "../app/useAsync.ts";
import { Notice } from "../components/forms.tsx";
import { t } from "../i18n/index.ts";

/** The PDF's file name: the case reference made safe for any file system, else the request id. */
export function pdfFileName(request: MlaRequest): string {
  const reference = request.caseReference
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}._-]+/gu, "-")
    .replace(/^[-.]+|-+$/g, "")
    .slice(0, 80);
  return `mla-${reference === "" ? request.requestId.slice(0, 8) : reference}.pdf`;
}

/**
 * "Download the PDF": the same document as `relais mla pdf`, made in the page from the decrypted
 * request and saved from a `blob:` URL, so the request never leaves the device in clear. The PDF
 * code (pdfkit, fontkit) is loaded on the first click only.
 */
export function PdfDownloadButton(props: { request: MlaRequest; describedBy?: string }) {
  const action = useAction();
  const [downloaded, setDownloaded] = useState<string | null>(null);
  const download = () => {
    setDownloaded(null);
    void action.run(async () => {
      const { renderMlaRequestPdfInBrowser } = await import("./requestPdfInBrowser.ts");
      const bytes = await renderMlaRequestPdfInBrowser(props.request);
      const file = pdfFileName(props.request);
      downloadBytes(file, bytes, "application/pdf");
      setDownloaded(file);
    });
  };
  return (
    <>
      <button
        type="button"
        class="primary"
        onClick={download}
        disabled={action.busy}
        aria-busy={action.busy}
        aria-describedby={props.describedBy}
      >
        {action.busy ? t("mla.pdfMaking") : t("mla.pdfDownload")}
      </button>
      {action.error ? <Notice kind="error">{action.error}</Notice> : null}
      {downloaded !== null && !action.busy ? (
        <span class="mla-pdf-ready" role="status">
          {t("mla.pdfReady", { file: downloaded })}
        </span>
      ) : null}
    </>
  );
}
