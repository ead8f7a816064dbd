#!/usr/bin/env node
// Builds config/kubernetes/prometheusrule.yaml (a Prometheus Operator PrometheusRule) from
// config/prometheus/certwatch-rules.yml: its `groups` become `spec.groups`, comments included.
//
//   node config/kubernetes/generate-prometheusrule.mjs            write prometheusrule.yaml
//   node config/kubernetes/generate-prometheusrule.mjs --stdout   print it instead
//   node config/kubernetes/generate-prometheusrule.mjs --check    exit 1 if the file is out of date
//
// Only dependency: the `yaml` package from the repository's node_modules. .ci/deployment-check.sh
// runs --check, so edit certwatch-rules.yml and re-run this, never prometheusrule.yaml itself.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import YAML from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const SOURCE = join(root, "config", "prometheus", "certwatch-rules.yml");
const TARGET = join(here, "prometheusrule.yaml");

const HEADER = [
  " GENERATED from config/prometheus/certwatch-rules.yml by",
  " config/kubernetes/generate-prometheusrule.mjs: do not edit; change the rules file and re-run it",
  " (.ci/deployment-check.sh fails while this file is out of date).",
  "",
  " The certwatch alerting rules for the Prometheus Operator. CertwatchDown expects the scrape job",
  ' to be named certwatch: servicemonitor.yaml sets it (jobLabel). If your Prometheus selects',
  " rules by label (kube-prometheus-stack: `release: <name>`), add that label in an overlay.",
].join("\n");

export function generate(sourceText) {
  const source = YAML.parseDocument(sourceText, { prettyErrors: true });
  if (source.errors.length > 0) throw new Error(`${relative(root, SOURCE)}: ${source.errors.map((e) => e.message).join("\n")}`);
  const groups = source.get("groups", true);
  if (!YAML.isSeq(groups) || groups.items.length === 0) throw new Error(`${relative(root, SOURCE)}: no \`groups\` list`);

  const doc = new YAML.Document({
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: "certwatch", labels: { "app.kubernetes.io/name": "certwatch" } },
    spec: {},
  });
  doc.commentBefore = HEADER;
  // The parsed node itself, so the rules keep their comments and block scalars.
  doc.get("spec").set("groups", groups);
  const text = doc.toString({ lineWidth: 100, minContentWidth: 40 });

  // The output must mean exactly what the rules file means.
  const back = YAML.parse(text);
  if (!isDeepStrictEqual(back.spec.groups, source.toJS().groups)) throw new Error("generated spec.groups differ from the rules file's groups");
  return text;
}

function main(args) {
  const text = generate(readFileSync(SOURCE, "utf8"));
  if (args.includes("--stdout")) {
    process.stdout.write(text);
  } else if (args.includes("--check")) {
    let current = null;
    try {
      current = readFileSync(TARGET, "utf8");
    } catch {
      // missing: reported below
    }
    if (current !== text) {
      console.error(`${relative(root, TARGET)} is ${current === null ? "missing" : "out of date"}: run node ${relative(root, fileURLToPath(import.meta.url))}`);
      process.exit(1);
    }
    console.log(`${relative(root, TARGET)} is up to date with ${relative(root, SOURCE)}`);
  } else {
    writeFileSync(TARGET, text);
    console.log(`wrote ${relative(root, TARGET)}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
