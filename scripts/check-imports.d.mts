// Types of check-imports.mjs for its test (test/integration/check-imports.test.ts).
/** Every broken import rule under `root` (a repository root), one line each; empty when clean. */
export function importProblems(root: string): string[];
