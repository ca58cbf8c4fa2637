/** Writes a one-line progress bar to a terminal; to a pipe or file it writes nothing until the end. */
export function progressBar(write: (text: string) => void, isTty: boolean, label: string) {
  let last = '';
  return {
    update(done: number, total: number): void {
      if (!isTty) return;
      const share = total === 0 ? 1 : done / total;
      const width = 30;
      const filled = Math.round(share * width);
      const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${done}/${total}`;
      if (line === last) return;
      last = line;
      write(`\r${line}`);
    },
    finish(message: string): void {
      write(isTty ? `\r\x1b[2K${message}\n` : `${message}\n`);
    },
  };
}
