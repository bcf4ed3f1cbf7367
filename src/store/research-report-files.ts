import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from './atomic-file.js';

export const RESEARCH_REPORTS_DIR = 'research-reports';

/**
 * Full research reports as Markdown files under `DATA_DIR/research-reports/`, written
 * atomically before the message that carries them is queued, so the outbox always finds
 * a whole file. They are small (a few kilobytes) and kept as an audit trail.
 */
export function createResearchReportFiles(dataDir: string) {
  const dir = path.join(dataDir, RESEARCH_REPORTS_DIR);
  return {
    /** Writes `<name>.md` and returns its path. */
    async write(name: string, markdown: string): Promise<string> {
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.md`);
      await writeFileAtomically(file, markdown);
      return file;
    },
  };
}

export type ResearchReportFiles = ReturnType<typeof createResearchReportFiles>;
