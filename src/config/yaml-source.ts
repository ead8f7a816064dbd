import { isNode, LineCounter, parseDocument, Scalar, visit, type Document, type YAMLError } from "yaml";
import { describeValue, type PathSegment, type Problem } from "./problem.js";
import { isRecord } from "./section.js";

export type YamlResult =
  | {
      ok: true;
      value: Record<string, unknown>;
      /** Where a key path sits in the text, to list problems in file order; unknown paths sort last. */
      offsetOf: (path: readonly PathSegment[]) => number;
    }
  | { ok: false; problems: Problem[] };

const EXPECTED_ROOT = 'a YAML mapping of settings (at least "zones" or "discover")';

/** A Cloudflare zone or account id, as written: 32 lowercase hex characters. */
const ID_TEXT = /^[0-9a-f]{32}$/;

/**
 * Text to a plain tree. Anything that is not a single YAML mapping stops here: past a syntax
 * error the tree is a guess, and checking a guess would bury the real error in follow-on noise.
 * Warnings (such as an unknown `!tag`, which yaml would quietly turn into a string) count too.
 */
export function parseYaml(text: string): YamlResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings].map((error) => syntaxProblem(error, lineCounter));
  // yaml often follows a real error with consequences of it at the same spot; the first says it.
  const firstPerSpot = problems.filter((p, i) => problems.findIndex((q) => q.location === p.location) === i);
  if (firstPerSpot.length > 0) return { ok: false, problems: firstPerSpot };
  if (doc.contents === null) {
    return { ok: false, problems: [{ path: [], expected: EXPECTED_ROOT, found: "an empty document" }] };
  }
  keepIdsAsText(doc);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Unresolvable or runaway aliases only surface when building the tree.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: [], expected: "valid YAML aliases", found: sanitize(message) }] };
  }
  if (!isRecord(value)) {
    return { ok: false, problems: [{ path: [], expected: EXPECTED_ROOT, found: describeValue(value) }] };
  }
  return { ok: true, value, offsetOf: (path) => offsetIn(doc, path) };
}

/**
 * An unquoted id made only of digits (or of digits around one "e") is a number to YAML, rounded
 * to 17 significant digits or to Infinity, and the id is lost. No setting takes a number written
 * with 32 characters, so such a plain scalar is read as the text it is.
 */
function keepIdsAsText(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (node.type === Scalar.PLAIN && typeof node.value !== "string" && typeof node.source === "string" && ID_TEXT.test(node.source)) {
        node.value = node.source;
      }
    },
  });
}

/** A path that is not in the file (a missing key) takes the place of its nearest present parent. */
function offsetIn(doc: Document, path: readonly PathSegment[]): number {
  for (let length = path.length; length > 0; length--) {
    const node = doc.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return Number.POSITIVE_INFINITY;
}

function syntaxProblem(error: YAMLError, lineCounter: LineCounter): Problem {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  const location = `line ${line}, column ${col}`;
  if (error.code === "MULTIPLE_DOCS") {
    return { path: [], location, expected: "a single YAML document", found: 'a second one after "---"' };
  }
  return { path: [], location, expected: "valid YAML", found: `${sanitize(error.message)} (${error.code})` };
}

/**
 * Some yaml messages quote the offending source text, which may be a credential on a broken
 * line; those quotes are dropped, the position already says where to look.
 */
function sanitize(message: string): string {
  return message
    .replace(/: ".*$/s, "")
    .replace(/^(Block scalar header includes extra characters|Not a YAML token): .*$/s, "$1");
}
