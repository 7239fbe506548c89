/** Hand a file the core made (an export, a report) to the browser's downloads. */
import type { ExportFile } from '../../shared/api';

/** Save `file` under its own name; `type` is its MIME type. */
export function saveFile(file: ExportFile, type: string): void {
  const url = URL.createObjectURL(new Blob([file.content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has read the blob long before; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
