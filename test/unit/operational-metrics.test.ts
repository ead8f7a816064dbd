import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import type { Alert } from "../../src/alerts/alert.js";
import { registerAlertMetrics } from "../../src/metrics/alert-metrics.js";
import { registerOperationalMetrics } from "../../src/metrics/operational-metrics.js";
import { REVISION } from "../../src/version.js";
import { parseExposition, select } from "../helpers/exposition.js";

async function samplesOf(registry: Registry) {
  return parseExposition(await registry.metrics());
}

describe("operational metrics", () => {
  it("carries version, revision and Node.js version on certwatch_build_info", async () => {
    const registry = new Registry();
    registerOperationalMetrics(registry, "1.2.3");
    expect(select(await samplesOf(registry), "certwatch_build_info")).toEqual([
      { name: "certwatch_build_info", labels: { version: "1.2.3", revision: REVISION, nodejs_version: process.version }, value: 1 },
    ]);
    // Run from source there is no dist/build-info.json.
    expect(REVISION).toBe("unknown");
  });

  it("exports both reload outcomes at 0 before any reload", async () => {
    const registry = new Registry();
    registerOperationalMetrics(registry, "1.2.3");
    const reloads = select(await samplesOf(registry), "certwatch_config_reloads_total");
    expect(reloads.map((s) => [s.labels.outcome, s.value])).toEqual([
      ["success", 0],
      ["failure", 0],
    ]);
  });

  it("exports every outcome of every sink at 0, a sink added later included", async () => {
    const registry = new Registry();
    const sinks = ["hook"];
    registerAlertMetrics(registry, () => sinks, () => null);
    const outcomes = async () => select(await samplesOf(registry), "certwatch_notifications_total").map((s) => `${s.labels.sink}/${s.labels.outcome}=${s.value}`);
    expect(await outcomes()).toEqual(["hook/sent=0", "hook/retried=0", "hook/failed=0", "hook/dropped=0"]);
    sinks.push("chat");
    expect(await outcomes()).toEqual([...["hook", "chat"].flatMap((sink) => ["sent", "retried", "failed", "dropped"].map((o) => `${sink}/${o}=0`))]);
  });

  it("counts the firing alerts again only when their revision moves", async () => {
    const registry = new Registry();
    const alert = (alertname: string, severity: string, silenced = false) =>
      ({ fingerprint: `${alertname}/${severity}/${Math.random()}`, labels: { alertname, severity }, annotations: {}, ...(silenced ? { silenced: { by: "s", until: "2027-01-01T00:00:00Z" } } : {}) }) as unknown as Alert;
    let alerts = [alert("CertificateExpired", "critical"), alert("CertificateExpiringSoon", "warning", true), alert("CertificateExpired", "critical")];
    let revision = 1;
    let reads = 0;
    const view = { firing: () => (reads++, alerts), firingRevision: () => revision, queueDepth: () => 0 };
    registerAlertMetrics(registry, () => [], () => view);
    const firing = async () => {
      const samples = await samplesOf(registry);
      return [...select(samples, "certwatch_alerts_firing").map((s) => `${s.labels.alertname}/${s.labels.severity}=${s.value}`), `silenced=${select(samples, "certwatch_silenced_alerts")[0]?.value}`];
    };
    expect(await firing()).toEqual(["CertificateExpired/critical=2", "CertificateExpiringSoon/warning=1", "silenced=1"]);
    expect(await firing()).toEqual(["CertificateExpired/critical=2", "CertificateExpiringSoon/warning=1", "silenced=1"]);
    expect(reads).toBe(1);
    alerts = [alert("SourceDown", "warning")];
    revision += 1;
    expect(await firing()).toEqual(["SourceDown/warning=1", "silenced=0"]);
    expect(reads).toBe(2);
  });
});
