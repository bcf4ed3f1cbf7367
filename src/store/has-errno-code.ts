/** Node reports file-system failures as errors with a string `code` (ENOENT, EEXIST, ...). */
export function hasErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
