// `npm run check:imports`: the import graph's rules, checked in CI before the type-check.
//   1. No import cycles among the .ts files of src/ and dev/ (dev/ may not exist).
//   2. src/model/ imports nothing outside itself: the model is what every layer shares, so it
//      may depend on none of them (nor on a package).
//   3. What ships (src/ without *.test.ts and the stores' *.sim.ts simulator parts) imports only
//      what ships: the image holds that alone, never dev/, test/, a test or a simulator part.
//      Tests and simulator parts kept beside their store may use dev/ and test/.
// Every import counts, type-only and dynamic ones too: a cycle of types is still two modules
// that cannot be understood (or moved into a store folder) one without the other.
// Usage: node scripts/check-imports.mjs [root]   (root defaults to the repository)
// Exits 1 and prints every problem, each cycle as its full path (a.ts -> b.ts -> a.ts).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const SCANNED = ["src", "dev"];

/** Every .ts file under the scanned folders of `root`, as absolute paths. */
function sourceFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".ts")) files.push(path);
    }
  };
  for (const folder of SCANNED) {
    const dir = join(root, folder);
    if (existsSync(dir) && statSync(dir).isDirectory()) walk(dir);
  }
  return files.sort();
}

/**
 * The file a relative specifier names. NodeNext imports name the emitted file ("./x.js"), so
 * the source is its .ts twin; a folder or bare name is tried as TypeScript would.
 */
function resolveRelative(fromFile, specifier) {
  const target = resolve(dirname(fromFile), specifier);
  const candidates = [
    target.replace(/\.js$/, ".ts").replace(/\.mjs$/, ".mts"),
    target,
    `${target}.ts`,
    join(target, "index.ts"),
  ];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? target;
}

/** Each file's imports: `local` are resolved relative ones, `all` every specifier as written. */
function importGraph(files) {
  const graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const specifiers = importedFiles.map((f) => f.fileName);
    const local = specifiers.filter((s) => s.startsWith("./") || s.startsWith("../")).map((s) => resolveRelative(file, s));
    graph.set(file, { specifiers, local: [...new Set(local)] });
  }
  return graph;
}

/** Strongly connected components (Tarjan, iterative so a deep graph cannot overflow the stack). */
function stronglyConnected(graph) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const components = [];
  let counter = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.node).local.filter((to) => graph.has(to));
      if (frame.next < edges.length) {
        const to = edges[frame.next++];
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(to)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

/** The shortest path from `start` back to itself inside `members` (breadth first), as nodes. */
function shortestCycleThrough(graph, start, members) {
  const previous = new Map();
  const queue = [start];
  for (let head = 0; head < queue.length; head += 1) {
    const node = queue[head];
    for (const to of graph.get(node).local) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]));
        return [...path, start];
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return null;
}

/**
 * The cycles to report: for each tangle of mutually importing files, the shortest cycle through
 * each of its files, each cycle once. Every file caught in a cycle appears in at least one.
 */
function importCycles(graph) {
  const cycles = new Map();
  for (const component of stronglyConnected(graph)) {
    const members = new Set(component);
    const selfImport = component.length === 1 && graph.get(component[0]).local.includes(component[0]);
    if (component.length === 1 && !selfImport) continue;
    for (const start of [...members].sort()) {
      const path = shortestCycleThrough(graph, start, members);
      if (!path) continue;
      // One rotation per cycle: start it at its alphabetically first file.
      const ring = path.slice(0, -1);
      const first = ring.indexOf([...ring].sort()[0]);
      const rotated = [...ring.slice(first), ...ring.slice(0, first)];
      cycles.set(rotated.join("\n"), [...rotated, rotated[0]]);
    }
  }
  return [...cycles.values()];
}

/** Every broken rule under `root`, as lines of text; empty when the graph is clean. */
export function importProblems(root) {
  const graph = importGraph(sourceFiles(root));
  const show = (path) => relative(root, path).split(sep).join("/");
  const inside = (path, folder) => path.startsWith(join(root, folder) + sep);
  const problems = [];
  for (const cycle of importCycles(graph)) problems.push(`import cycle: ${cycle.map(show).join(" -> ")}`);
  const ships = (path) => inside(path, "src") && !/\.(test|sim)\.ts$/.test(path);
  for (const [file, { specifiers }] of graph) {
    if (ships(file) && inside(file, join("src", "model"))) {
      for (const specifier of specifiers) {
        const isLocal = specifier.startsWith("./") || specifier.startsWith("../");
        if (isLocal && inside(resolveRelative(file, specifier), join("src", "model"))) continue;
        problems.push(`model imports: ${show(file)} imports "${specifier}" (src/model/ must import nothing outside itself)`);
      }
    }
    if (ships(file)) {
      for (const target of graph.get(file).local) {
        if (!ships(target)) problems.push(`shipped code imports what does not ship: ${show(file)} imports ${show(target)}`);
      }
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
  const problems = importProblems(root);
  const scanned = SCANNED.filter((folder) => existsSync(join(root, folder))).join(", ");
  if (problems.length > 0) {
    console.error(problems.join("\n"));
    console.error(`check-imports: ${problems.length} problem(s) in ${scanned}`);
    process.exit(1);
  }
  console.log(`check-imports: no cycles, src/model imports nothing, shipped code imports only shipped code (${scanned})`);
}
