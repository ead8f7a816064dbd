import { homedir } from "node:os";
import { join, resolve, sep } from "node:path";
import { z } from "zod";
import { nonBlank } from "./fields.js";

export const STATE_DIR_EXPECTED = "a non-empty directory path";

/**
 * Kernel filesystems: a state file there is never durable, and writing into them can block
 * (a read-only /proc or /sys, device nodes under /dev), so certwatch refuses them up front.
 */
const KERNEL_DIRS = ["/proc", "/sys", "/dev"];
const KERNEL_EXPECTED = `a directory outside ${KERNEL_DIRS.slice(0, -1).join(", ")} and ${KERNEL_DIRS.at(-1)} (kernel filesystems cannot hold certwatch's state)`;

/**
 * `state_dir`: `~` and `~/…` mean the home directory, as in a shell (YAML leaves them alone,
 * so without this certwatch would make a directory named `~`). Relative paths stay relative to
 * the working directory.
 */
export function stateDir(fallback: string) {
  return nonBlank(STATE_DIR_EXPECTED)
    .transform((written, ctx) => {
      const path = expandHome(written);
      if (isUnderKernelDir(resolve(path))) {
        ctx.addIssue({ code: "custom", message: KERNEL_EXPECTED });
        return z.NEVER;
      }
      return path;
    })
    .optional()
    .default(fallback);
}

export function expandHome(path: string): string {
  if (path === "~") return homedir();
  if (path.startsWith("~/")) return join(homedir(), path.slice(2));
  return path;
}

function isUnderKernelDir(absolute: string): boolean {
  return KERNEL_DIRS.some((dir) => absolute === dir || absolute.startsWith(dir + sep));
}
